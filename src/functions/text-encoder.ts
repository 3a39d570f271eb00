/**
 * TextEncoder where the runtime has none. A JavaScript-only custom-functions runtime (and
 * test/bundle's bare context) has only ECMAScript's globals, while reading a policy range
 * computes each version's hash (src/rules/versions.ts), and @noble/hashes' utf8ToBytes calls
 * `new TextEncoder()`. Where the runtime has TextEncoder (browsers, the shared runtime, Node)
 * nothing changes.
 */

/** UTF-8 bytes of `text`, as TextEncoder writes them: a lone surrogate becomes U+FFFD. */
export function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const point = char.codePointAt(0) as number;
    const code = point >= 0xd800 && point <= 0xdfff ? 0xfffd : point;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(bytes);
}

class Utf8Encoder {
  readonly encoding = "utf-8";

  encode(text = ""): Uint8Array {
    return encodeUtf8(text);
  }
}

/** Gives `scope` (the global object) a TextEncoder unless it has one. */
export function provideTextEncoder(scope: { TextEncoder?: unknown } = globalThis): void {
  scope.TextEncoder ??= Utf8Encoder;
}
