import { WorkbookError } from "../errors";
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter, type FileEntry } from "@zip.js/zip.js";

// The layer runs in Node and in the pane's page; workers would need a script URL the CSP allows.
configure({ useWebWorkers: false });

/** A part's new content: text, bytes, or chunks produced while the archive is written. */
export type PartContent = string | Uint8Array | (() => Iterable<string>);

/** The bytes are not a zip archive (notAWorkbook), or a part of it cannot be read (damagedWorkbook). */
function archiveError(code: "notAWorkbook" | "damagedWorkbook", file: string, cause: unknown): WorkbookError {
  return new WorkbookError(code, { file }, { cause });
}

/** Stop signal for a stream a reader no longer needs (see readText). */
class StopReading extends Error {}

/** The package's zip archive: entries by name (case-insensitively, as OPC part names are). */
export class ZipArchive {
  private readonly byName: Map<string, FileEntry>;

  private constructor(
    private readonly reader: ZipReader<unknown>,
    readonly entries: readonly FileEntry[],
    /** The file's name, for messages. */
    private readonly file: string,
  ) {
    this.byName = new Map(entries.map((e) => [e.filename.toLowerCase(), e]));
  }

  static async open(bytes: Uint8Array, file: string): Promise<ZipArchive> {
    const reader = new ZipReader(new Uint8ArrayReader(bytes));
    try {
      const entries = await reader.getEntries();
      return new ZipArchive(reader, entries.filter((e): e is FileEntry => !e.directory), file);
    } catch (error) {
      throw archiveError(looksLikeZip(bytes) ? "damagedWorkbook" : "notAWorkbook", file, error);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** The entry's name as stored (its case may differ from a relationship's target). */
  storedName(name: string): string | undefined {
    return this.byName.get(name.toLowerCase())?.filename;
  }

  async bytes(name: string): Promise<Uint8Array> {
    try {
      return await this.entry(name).getData(new Uint8ArrayWriter(), { checkSignature: true });
    } catch (error) {
      throw archiveError("damagedWorkbook", this.file, error);
    }
  }

  async text(name: string): Promise<string> {
    return new TextDecoder().decode(await this.bytes(name));
  }

  /**
   * Streams the part as text, chunk by chunk; `onText` returns false to stop early (the rest
   * is not decompressed).
   */
  async readText(name: string, onText: (chunk: string) => boolean | void): Promise<void> {
    const decoder = new TextDecoder();
    // Browsers report a stopped stream as a failure to close it, not as StopReading: remember it here.
    let stopped = false;
    const sink = new WritableStream<Uint8Array>({
      write(chunk) {
        if (onText(decoder.decode(chunk, { stream: true })) === false) {
          stopped = true;
          throw new StopReading();
        }
      },
      close() {
        const rest = decoder.decode();
        if (rest) onText(rest);
      },
    });
    try {
      await this.entry(name).getData(sink, { checkSignature: true });
    } catch (error) {
      if (stopped) return;
      throw archiveError("damagedWorkbook", this.file, error);
    }
  }

  /**
   * A new archive: every entry of this one in its order (but the `removed` ones, by lower-case
   * name), copied compressed as it is (so its bytes cannot change) unless `replaced` has new
   * content for it, then the `added` parts.
   */
  async write(replaced: ReadonlyMap<string, PartContent>, added: ReadonlyMap<string, PartContent>, removed: ReadonlySet<string> = new Set()): Promise<Uint8Array> {
    const writer = new ZipWriter(new Uint8ArrayWriter(), { level: 6, dataDescriptor: false, zip64: false });
    const byLowerName = new Map([...replaced].map(([k, v]) => [k.toLowerCase(), v]));
    for (const entry of this.entries) {
      if (removed.has(entry.filename.toLowerCase())) continue;
      const content = byLowerName.get(entry.filename.toLowerCase());
      if (content !== undefined) await addContent(writer, entry.filename, content);
      else await this.copyRaw(writer, entry);
    }
    for (const [name, content] of added) await addContent(writer, name, content);
    return writer.close();
  }

  /**
   * Every entry's stored (compressed) bytes with its method and CRC-32, for a caller that
   * checks them all at once with a faster inflater than this layer can use in a browser.
   */
  async *storedEntries(): AsyncGenerator<{ name: string; method: number; crc32: number; size: number; raw: Uint8Array }> {
    for (const entry of this.entries) {
      const raw = await entry.getData(new Uint8ArrayWriter(), { passThrough: true });
      yield { name: entry.filename, method: entry.compressionMethod ?? 8, crc32: entry.crc32 ?? 0, size: entry.uncompressedSize ?? 0, raw };
    }
  }

  async close(): Promise<void> {
    await this.reader.close();
  }

  private entry(name: string): FileEntry {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) throw new Error(`no part ${name}`);
    return entry;
  }

  private async copyRaw(writer: ZipWriter<Uint8Array>, entry: FileEntry): Promise<void> {
    const raw = await entry.getData(new Uint8ArrayWriter(), { passThrough: true });
    await writer.add(entry.filename, new Uint8ArrayReader(raw), {
      passThrough: true,
      uncompressedSize: entry.uncompressedSize,
      crc32: entry.crc32,
      compressionMethod: entry.compressionMethod,
      lastModDate: entry.lastModDate,
    });
  }
}

function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

async function addContent(writer: ZipWriter<Uint8Array>, name: string, content: PartContent): Promise<void> {
  if (typeof content !== "function") {
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    await writer.add(name, new Uint8ArrayReader(bytes));
    return;
  }
  const encoder = new TextEncoder();
  const chunks = content()[Symbol.iterator]();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      // Batches of text keep the encoder and the deflater busy without holding the whole part.
      let batch = "";
      for (let next = chunks.next(); !next.done; next = chunks.next()) {
        batch += next.value;
        if (batch.length >= 1 << 16) break;
      }
      if (batch === "") controller.close();
      else controller.enqueue(encoder.encode(batch));
    },
  });
  await writer.add(name, stream);
}
