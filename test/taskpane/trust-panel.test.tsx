/**
 * The panel above Approvals' buttons (issue 12): what it shows of a check of the log, and that
 * text from cells (a signer's name) is only ever React text.
 */
import { renderToString } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ruleError } from "../../src/rules";
import { makePane } from "../../src/taskpane/pane";
import { LogTrustPanel, type LogTrust } from "../../src/taskpane/trust";

const pane = (lang: "en" | "zh" = "en") => makePane(lang, { kind: "preview", run: () => new Promise(() => undefined) }, { name: "", role: "", tableNames: {} });

const quiet: LogTrust = { workbookId: "wb-1", verification: { count: 3, signedFrom: 2 }, pins: [], registry: new Map() };
const rolledBack: LogTrust = { ...quiet, verification: { ...quiet.verification, witness: { kind: "rolledBack", error: ruleError("value", "auditRolledBack", { missing: 2, seenAt: "2025-12-05T01:00:00.000Z" }) } } };

function render(trust: LogTrust | undefined, options: { olderCopy?: boolean; lang?: "en" | "zh" } = {}) {
  return renderToString(
    <FluentProvider theme={webLightTheme}>
      <LogTrustPanel pane={pane(options.lang)} trust={trust} olderCopy={options.olderCopy ?? false} onOlderCopy={() => undefined} onTrustKey={() => undefined} />
    </FluentProvider>,
  );
}

test("nothing to say, nothing shown", () => {
  expect(render(undefined)).not.toContain("log-trust");
  expect(render(quiet)).not.toContain("log-trust");
});

test("a rolled-back log: the warning with its date in the user's time zone and the button; once marked an older copy, only what that means", () => {
  const html = render(rolledBack);
  expect(html).toContain('data-testid="trust-witness"');
  expect(html).toMatch(/since you last saw it on 2025-12-05 \d\d:\d\d [^:]+: 2 entries are missing/);
  expect(html).toContain("This is an older copy");
  const marked = render(rolledBack, { olderCopy: true });
  expect(marked).not.toContain('data-testid="trust-witness"');
  expect(marked).toContain("Marked as an older copy for this session.");
  expect(render(rolledBack, { lang: "zh" })).toContain("这是较旧的副本");
});

test("a signer's name from the log is text, never markup", () => {
  const name = '<img src=x onerror="alert(1)">';
  const html = render({ ...quiet, pins: [{ name, role: "finance", keyId: "0123456789abcdef", reason: "replacesKnown" }] });
  expect(html).not.toContain("<img");
  expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; (Finance) now signs with key 0123456789abcdef");
  expect(html).toContain("Trust this key");
});

test("signature problems and Signers edits are named by their rows; a store that cannot be used says so", () => {
  const badSignature = ruleError("value", "auditBadSignature", { keyId: "0123456789abcdef" });
  const edited = ruleError("value", "signersRowEdited", { keyId: "0123456789abcdef", fields: "state" });
  const html = render({ ...quiet, storeFailure: "QuotaExceededError", verification: { ...quiet.verification, signatures: [{ sheet: "AuditLog", row: 7, error: badSignature }], signers: [{ sheet: "Signers", row: 3, error: edited }] } });
  expect(html).toContain("Entries whose signature does not hold (1):");
  expect(html).toContain("AuditLog!row 7: This audit log entry&#x27;s signature does not verify (key 0123456789abcdef)");
  expect(html).toContain("Signers!row 3: The Signers row of key 0123456789abcdef was edited outside the add-in (state)");
  expect(html).toContain("This browser cannot keep your signing key (QuotaExceededError).");
});
