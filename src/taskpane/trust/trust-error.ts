/**
 * The pane cannot keep or use this user's signing key: IndexedDB blocked (a private window),
 * full or missing, or WebCrypto unavailable. Acting is then refused rather than written
 * unsigned (once signed, always signed); the pane says so in the user's language
 * (pane.tsx `describe`), with `detail`, the browser's own words, for whoever helps them.
 */
export class TrustError extends Error {
  private constructor(readonly detail: string) {
    super(`The signing key cannot be kept or used in this browser: ${detail}`);
    this.name = "TrustError";
  }

  /** The storage (or WebCrypto) failed: its message, or its name when it has none. */
  static storage(cause: unknown): TrustError {
    if (cause instanceof TrustError) return cause;
    const detail = cause instanceof Error || (typeof DOMException !== "undefined" && cause instanceof DOMException) ? cause.message || cause.name : String(cause);
    return new TrustError(detail);
  }
}
