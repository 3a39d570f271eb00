/**
 * What the pane trusts (issue 12, points 1–3 and 5): this user's signing keys, the keys and
 * log heads this client has seen, kept in IndexedDB (memory in tests); the log checked against
 * them; and how the pane shows it.
 */
export { type TrustStore, type TrustRecords, type TrustStoreName, recordTrustStore, memoryTrustStore, memoryTrustRecords, TRUST_STORE_NAMES } from "./trust-store";
export { openIndexedDbTrustStore, indexedDbRecords, TRUST_DB_NAME } from "./indexeddb";
export { TrustError } from "./trust-error";
export { checkLogTrust, storeSigner, trustKey, workbookIdOf, type LogTrust, type CheckOptions } from "./log-trust";
export { PaneTrust, type TrustAvailability } from "./pane-trust";
export { proofLines, findingLines, brokenSignatureRows, signatureText, shortKeyId } from "./trust-text";
export { TrustContext, useTrust } from "./context";
export { LogTrustPanel, type LogTrustPanelProps } from "./LogTrustPanel";
