/**
 * What the command line tells the user instead of a library's message or a stack trace: a
 * `cli.*` message key with its parameters, and whether it is a usage mistake (exit code 2,
 * shown with the command's usage line) or a problem with a file (exit code 1).
 */
export type ProblemKind = "usage" | "file";

export class CliProblem extends Error {
  readonly kind: ProblemKind;
  /** A key under `cli.` in src/i18n/messages.*.ts. */
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(kind: ProblemKind, key: string, params: Readonly<Record<string, string | number>> = {}, options?: { cause?: unknown }) {
    super(`${key} ${JSON.stringify(params)}`, options);
    this.name = "CliProblem";
    this.kind = kind;
    this.key = key;
    this.params = params;
  }
}

export const usageProblem = (key: string, params?: Record<string, string | number>) => new CliProblem("usage", key, params);
export const fileProblem = (key: string, params?: Record<string, string | number>, cause?: unknown) => new CliProblem("file", key, params, { cause });

export function isCliProblem(value: unknown): value is CliProblem {
  return value instanceof CliProblem;
}

/** The `code` of a Node file-system error ("ENOENT"), or undefined. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Any failure while reading or writing `path`, as our own one-line message: a `CliProblem`
 * passes through, anything else becomes `fileFailed` naming the system's reason code.
 */
export function asFileProblem(error: unknown, path: string): CliProblem {
  if (isCliProblem(error)) return error;
  return fileProblem("fileFailed", { path, code: errorCode(error) ?? "unknown" }, error);
}
