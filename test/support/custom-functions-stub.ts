/**
 * The CustomFunctions globals that Excel's runtime provides, enough for unit tests of the
 * adapters (the built bundle is tested separately in a bare vm context).
 */
import { ErrorCode, ExcelError } from "./excel-error";

export { ErrorCode, ExcelError };

export function installCustomFunctionsStub(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = { Error: ExcelError, ErrorCode, associate: () => undefined };
}

export function setDisplayLanguage(locale: string | undefined): void {
  (globalThis as Record<string, unknown>).Office = locale === undefined ? undefined : { context: { displayLanguage: locale } };
}

installCustomFunctionsStub();
