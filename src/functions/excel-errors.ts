import { describeRuleError, languageFromLocale, type Language } from "../i18n";
import { isRuleError, ruleError, type ErrorKind, type RuleError } from "../rules";
import { ElementFailure } from "./cells";
import type { ErrorCell } from "./grid";

const ERROR_CODE_OF_KIND: Record<ErrorKind, () => CustomFunctions.ErrorCode> = {
  value: () => CustomFunctions.ErrorCode.invalidValue,
  num: () => CustomFunctions.ErrorCode.invalidNumber,
  div0: () => CustomFunctions.ErrorCode.divisionByZero,
  na: () => CustomFunctions.ErrorCode.notAvailable,
};

/** Excel shows a custom message only with #VALUE! and #N/A; it cannot be given with the others. */
const KINDS_WITH_MESSAGE: readonly ErrorKind[] = ["value", "na"];

/** The user's language, from Office when the shared runtime has it; English otherwise. */
export function currentLanguage(): Language {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  try {
    return languageFromLocale(office?.context?.displayLanguage);
  } catch {
    return "en";
  }
}

export function toExcelError(error: RuleError, lang: Language): CustomFunctions.Error {
  const code = ERROR_CODE_OF_KIND[error.kind]();
  return KINDS_WITH_MESSAGE.includes(error.kind)
    ? new CustomFunctions.Error(code, describeRuleError(error, lang))
    : new CustomFunctions.Error(code);
}

/** An error that was in an input cell goes out as the same error. */
function passThrough(cell: ErrorCell): CustomFunctions.Error {
  const known = Object.values(CustomFunctions.ErrorCode) as string[];
  const code = [cell.code, cell.errorType].find((c) => c !== undefined && known.includes(c));
  return new CustomFunctions.Error((code ?? CustomFunctions.ErrorCode.invalidValue) as CustomFunctions.ErrorCode);
}

/** Whatever went wrong becomes an Excel error: nothing escapes as an exception Excel cannot show. */
export function failureToExcelError(failure: unknown, lang: Language): CustomFunctions.Error {
  if (failure instanceof CustomFunctions.Error) return failure;
  if (failure instanceof ElementFailure) {
    return isRuleError(failure.reason) ? toExcelError(failure.reason, lang) : passThrough(failure.reason);
  }
  if (isRuleError(failure)) return toExcelError(failure, lang);
  const detail = failure instanceof Error ? failure.message : String(failure);
  return toExcelError(ruleError("value", "unexpected", { detail }), lang);
}
