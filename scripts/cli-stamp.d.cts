// Types of scripts/cli-stamp.cjs, for test/cli/bundle-current.test.ts.

export interface Stamp {
  /** sha256 over the inputs' paths and contents (stampOf). */
  readonly sha256: string;
  /** Paths relative to the project folder, `/`-separated, sorted. */
  readonly inputs: readonly string[];
  /** Each input's own sha256, to name the files that changed. */
  readonly files: Readonly<Record<string, string>>;
}

export type BundleState = { readonly state: "current" } | { readonly state: "missing" } | { readonly state: "stale"; readonly changed: readonly string[] };

export declare const ROOT: string;
export declare const OUT_DIR: string;
export declare const BUNDLE: string;
export declare const STAMP_FILE: string;
export declare const EXTRA_INPUTS: readonly string[];
export declare function stampOf(inputs: readonly string[], root?: string): string | undefined;
export declare function readStamp(stampFile?: string): Stamp | undefined;
export declare function bundleState(): BundleState;
export declare function fileHash(content: Uint8Array): string;
