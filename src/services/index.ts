/**
 * Use cases over the table interface (src/workbook): read the workbook, apply the rules,
 * write the add-in's own tables all or nothing. Shared by the task pane and the command line.
 */
export * from "./outcome";
export { readOutput, type TableNames, type TableOptions } from "./tables";
export { refreshRebates, advanceRebates, readPurchases, readTiers, readRebateMode, REBATE_MODE_NAME, type RefreshRebatesOptions, type RebateSummary, type RebateActor, type RebateMove, type RebateMovesOutcome } from "./rebates";
export { bonusStatements, readSales, readReps, type BonusStatementsOptions, type BonusSummary } from "./bonuses";
export { writeStatementSheet, statementRows, statementTableName, rankText, STATEMENT_TERMS, STATEMENT_COMPONENTS, type StatementSheetOptions, type StatementSheetSummary, type Term } from "./statement-sheet";
export {
  bonusOpportunities,
  rebateOpportunities,
  amountWithin,
  BONUS_OPPORTUNITY_KINDS,
  type BonusOpportunity,
  type BonusOpportunityKind,
  type BonusOpportunityList,
  type BonusOpportunitiesOptions,
  type RebateOpportunity,
  type RebateOpportunityList,
  type RebateOpportunitiesOptions,
  type ListOutcome,
} from "./opportunities";
export { writeOpportunitySheet, opportunityTableName, bonusOpportunityRows, rebateOpportunityRows, OPPORTUNITY_KIND_TERMS, type OpportunitySheetSummary } from "./opportunity-sheet";
export { budgetReport, readBudget, type BudgetReportServiceOptions, type BudgetSummary } from "./budget";
export { salesDates, purchaseDates, budgetDates } from "./periods";
export { appendAuditEntry, appendAuditEntries, verifyAuditLog, readAuditLog, itemHistory, type AuditLogRow, type ItemHistoryRow, type AuditVerification, type AuditWriteOptions, type LogSigner, type AuditFinding, type VerifyOptions } from "./audit-log";
export { checkWorkbook, type WorkbookCheck } from "./check";
export { takeKeyStep, type KeyStep, type KeyStepOutcome } from "./signer-keys";
export { statusAudit, statusMismatches, mismatchError, mismatchProblem, type StatusMismatch } from "./status-audit";
export {
  listItems,
  effectiveChains,
  workItems,
  readRequests,
  readChains,
  findItems,
  itemId,
  itemsWaitingFor,
  standingOf,
  actOnWorkItem,
  previewAction,
  requiredColumns,
  columnOfField,
  failedChecksNote,
  REQUEST_TYPES,
  type WorkItem,
  type ItemList,
  type ItemCheck,
  type ItemRecord,
  type RequestRecord,
  type LinkCheck,
  type ItemActionOutcome,
  type ItemActionRequest,
  type ActionPreview,
  type ActorStanding,
  type VersionRecord,
  type VersionCheck,
  isVersionRecord,
} from "./items";
export {
  readPolicyTable,
  readRebateTable,
  readVersionTables,
  tableVersions,
  policyInForce,
  readPolicySource,
  policyFor,
  rebateVersionForYear,
  versionLogProblems,
  versionAudit,
  policyOverview,
  type PolicyOverview,
  approvedVersionHashes,
  VERSION_HASH_PREFIX,
  type PolicyTable,
  type RebateTable,
  type TableVersion,
  type VersionTables,
  type VersionTable,
  type PolicyInForce,
  type PolicySource,
} from "./policy";
