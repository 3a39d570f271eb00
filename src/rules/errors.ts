/**
 * A rule's failure, as a value. It becomes a CustomFunctions.Error in Excel, a message in
 * the task pane and a line on stderr in the command line; the words live in src/i18n.
 */
export type ErrorKind = "value" | "num" | "div0" | "na";

export type RuleErrorCode =
  | "notANumber"
  | "notADate"
  | "implausibleDate"
  | "negativeAmount"
  | "notWholeNumber"
  | "unknownChoice"
  | "unknownRank"
  | "salesBy20thExceedsMonthSales"
  | "shapeMismatch"
  | "allNeedsSingleRow"
  | "tableEmpty"
  | "noRowsInPeriod"
  | "notAYear"
  | "notAMonth"
  | "yearOutOfRange"
  | "monthOutOfRange"
  | "tableTooFewColumns"
  | "tableCellInvalid"
  | "rankCodeDuplicate"
  | "tiersNotAscending"
  | "rateLooksLikePercent"
  | "rateNegative"
  | "budgetIsZero"
  | "toleranceOutOfRange"
  | "missingArgument"
  | "statusFinal"
  | "repDuplicate"
  | "sponsorUnknown"
  | "sponsorCycle"
  | "repUnknown"
  | "roleNotAllowed"
  | "itemNotPending"
  | "ownItem"
  | "itemCommentRequired"
  | "workflowBroken"
  | "workflowUnknownType"
  | "workflowUnknownStatus"
  | "workflowUnknownRole"
  | "workflowBadStep"
  | "workflowRejectedStep"
  | "workflowGap"
  | "workflowLoop"
  | "workflowUnreachable"
  | "workflowDuplicateFrom"
  | "workflowStepOrder"
  | "workflowNoFinalStatus"
  | "auditAltered"
  | "auditInserted"
  | "auditDeleted"
  | "auditTruncated"
  | "auditSwapped"
  | "auditAppended"
  | "auditHeadMissing"
  | "auditHeadCountUnreadable"
  | "auditHeadHashUnreadable"
  | "auditHeadMismatch"
  | "auditUnsigned"
  | "auditUnknownKey"
  | "auditBadSignature"
  | "auditWrongSigner"
  | "auditRevokedKey"
  | "auditKeyNotIntroduced"
  | "auditBadKeyEntry"
  | "auditKeyNotAllowed"
  | "auditRolledBack"
  | "keyOwnedByOther"
  | "auditLogMissing"
  | "keyStepUnsigned"
  | "keyStepUnknownSigner"
  | "keyStepBadKey"
  | "keyStepNoChange"
  | "auditRewritten"
  | "auditUnsignedAgain"
  | "signersRowEdited"
  | "signersRowAdded"
  | "signersRowRemoved"
  | "keyNotIntroduced"
  | "keyReplacesKnown"
  | "statusMismatch"
  | "statusNotLogged"
  | "policyVersionEdited"
  | "policyUnknownRule"
  | "policyRankMissing"
  | "policyRankNotUsed"
  | "policyThresholdMissing"
  | "policyThresholdNotUsed"
  | "policyValueMissing"
  | "policyRateAbove100"
  | "policyDayOutOfRange"
  | "policyUnknownStatus"
  | "policyMixedStatus"
  | "policyDuplicateRow"
  | "policyThresholdsNotAscending"
  | "policyLadderDecreasing"
  | "policyRangeRow"
  | "policyRangeMissingColumn"
  | "policyRangeDuplicateColumn"
  | "policyRangeErrorCell"
  | "rebateThresholdMissing"
  | "rebateRateMissing"
  | "rebateModeMixed"
  | "rebatePolicyNotInForce"
  | "unexpected";

export type ErrorParams = Readonly<Record<string, string | number>>;

export interface RuleError {
  readonly kind: ErrorKind;
  readonly code: RuleErrorCode;
  readonly params: ErrorParams;
}

export function ruleError(kind: ErrorKind, code: RuleErrorCode, params: ErrorParams = {}): RuleError {
  return { kind, code, params };
}

/** Property reads, not `in`: this runs once per row of a 100,000-row call, and `in` on a result that is not an error is slow in V8. */
export function isRuleError(value: unknown): value is RuleError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<RuleError>;
  return candidate.code !== undefined && candidate.kind !== undefined && candidate.params !== undefined;
}

/** A problem with one row of a workbook table: where it is, and what is wrong. */
export interface RowProblem {
  readonly sheet: string;
  readonly row: number;
  readonly error: RuleError;
}
