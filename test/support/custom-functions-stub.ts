/**
 * The CustomFunctions globals that Excel's runtime provides, enough for unit tests of the
 * adapters (the built bundle is tested separately in a bare vm context).
 */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class ExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export function installCustomFunctionsStub(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = { Error: ExcelError, ErrorCode, associate: () => undefined };
}

export function setDisplayLanguage(locale: string | undefined): void {
  (globalThis as Record<string, unknown>).Office = locale === undefined ? undefined : { context: { displayLanguage: locale } };
}

installCustomFunctionsStub();
