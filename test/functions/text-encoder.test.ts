import fc from "fast-check";
import { encodeUtf8, provideTextEncoder } from "../../src/functions/text-encoder";

/** What the runtime's own TextEncoder writes (Node's, here). */
const native = (text: string) => new TextEncoder().encode(text);

describe("encodeUtf8: UTF-8 as TextEncoder writes it", () => {
  it.each([
    ["", "nothing"],
    ["\u0000\u007f", "the last one-byte code point"],
    ["\u0080\u07ff", "two bytes, first and last"],
    ["\u0800\ud7ff\ue000\uffff", "three bytes, around the surrogates"],
    ["\u{10000}\u{10ffff}", "four bytes, first and last"],
    ["\ud800", "a lone high surrogate: U+FFFD"],
    ["\udfff", "a lone low surrogate: U+FFFD"],
    ["x\udc00\ud83d", "lone surrogates in the wrong order"],
    ["VatRate||13000|0.13\n晨星奖|SM|20000|4000 🎉", "a hashed line"],
  ])("%j (%s)", (text) => expect(encodeUtf8(text)).toEqual(native(text)));

  it("any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => expect(encodeUtf8(text)).toEqual(native(text))));
  });
});

describe("provideTextEncoder", () => {
  it("gives a scope without TextEncoder one that encodes like it", () => {
    const scope: { TextEncoder?: unknown } = {};
    provideTextEncoder(scope);
    const Encoder = scope.TextEncoder as new () => { encoding: string; encode(text?: string): Uint8Array };
    const encoder = new Encoder();
    expect(encoder.encoding).toBe("utf-8");
    expect(encoder.encode("规则 Rule")).toEqual(native("规则 Rule"));
    expect(encoder.encode()).toEqual(new Uint8Array(0));
  });

  it("leaves one that has a TextEncoder alone", () => {
    const own = class {};
    const scope = { TextEncoder: own };
    provideTextEncoder(scope);
    expect(scope.TextEncoder).toBe(own);
    provideTextEncoder();
    expect(globalThis.TextEncoder).toBe(TextEncoder);
  });
});
