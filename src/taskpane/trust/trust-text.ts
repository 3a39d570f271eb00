import type { HashedAuditEntry } from "../../rules";
import type { AuditFinding, AuditVerification } from "../../services";
import { describe, type Pane } from "../pane";
import type { LogTrust } from "./log-trust";

/** The log's parts and what each proves (issue 12, point 5): entries 1–N unsigned, vouched for by the chain alone; from N+1, signed. */
export function proofLines(verification: AuditVerification, pane: Pane): string[] {
  const { count, signedFrom } = verification;
  if (count === 0) return [];
  if (signedFrom === undefined) return [pane.t("trust.proofAllUnsigned", { count })];
  return [...(signedFrom > 1 ? [pane.t("trust.proofUnsignedPart", { last: signedFrom - 1 })] : []), pane.t("trust.proofSignedPart", { from: signedFrom })];
}

/**
 * Findings as lines, one per sheet and message: a key not introduced warns at every row it
 * signed, and twenty identical lines would hide the one that differs. "AuditLog!row 6: …",
 * "AuditLog!rows 6, 8: …"; row 0 (a table as a whole) as "Signers: …".
 */
export function findingLines(findings: readonly AuditFinding[], pane: Pane): string[] {
  const groups = new Map<string, { sheet: string; rows: number[]; reason: string }>();
  for (const finding of findings) {
    const reason = describe(finding.error, pane.lang);
    const key = `${finding.sheet}\u0000${reason}`;
    const group = groups.get(key) ?? { sheet: finding.sheet, rows: [], reason };
    group.rows.push(finding.row);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ sheet, rows, reason }) => {
    const numbered = rows.filter((row) => row > 0);
    if (numbered.length === 0) return pane.t("common.problemTableLine", { sheet, reason });
    if (numbered.length === 1) return pane.t("common.problemLine", { sheet, row: numbered[0], reason });
    return pane.t("trust.rowsLine", { sheet, rows: numbered.join(", "), reason });
  });
}

/** The signature problems of the check that break the log (not the warnings), by "sheet!row". */
export function brokenSignatureRows(trust: LogTrust | undefined): ReadonlySet<string> {
  return new Set((trust?.verification.signatures ?? []).filter((f) => !f.warning).map((f) => `${f.sheet}!${f.row}`));
}

/** "1a2b3c4d": the first 8 of a keyId's 16 hex digits, as an item's history shows it. */
export const shortKeyId = (keyId: string): string => keyId.trim().slice(0, 8);

/** What an item's history says of an entry's signature: the key's short ID, "unsigned", or that it does not hold. */
export function signatureText(entry: HashedAuditEntry, broken: boolean, pane: Pane): string {
  const keyId = (entry.keyId ?? "").trim();
  if (broken) return pane.t("trust.badSignature");
  return keyId === "" ? pane.t("trust.unsigned") : pane.t("trust.signedWith", { keyId: shortKeyId(keyId) });
}
