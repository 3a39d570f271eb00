import fc from "fast-check";
import { describeRole, describeRuleError, uiText } from "../../src/i18n";
import {
  actOnItem,
  CHAIN_END_STATUSES,
  chainsFrom,
  checkChains,
  DEFAULT_CHAINS,
  DEFAULT_WORKFLOWS,
  ITEM_TYPE_NAMES,
  ITEM_TYPES,
  isRole,
  nameReader,
  nextStepOf,
  parseItemType,
  parseRole,
  parseWorkflowStatus,
  ROLE_NAMES,
  ROLES,
  roleDuties,
  waitingFor,
  WORKFLOW_STATUS_NAMES,
  WORKFLOW_STATUSES,
  type Chains,
  type Role,
  type WorkflowItem,
  type WorkflowStatus,
  type WorkflowStep,
  type WorkflowTableRow,
} from "../../src/rules";

/** A chain as the spec's table writes it: "Draft → Reviewed (marketingAssistant) → Approved (director)". */
function chainText(steps: readonly WorkflowStep[]): string {
  let at: WorkflowStatus = "Draft";
  let text = "Draft";
  for (const step of steps) {
    if (step.from !== at) throw new Error(`step from ${step.from} does not follow ${at}`);
    text += ` → ${step.to} (${step.role})`;
    at = step.to;
  }
  return text;
}

/** A Workflows table row as the services will hand it over: its worksheet row and the cells' text. */
const wf = (row: number, type: string, step: string | number, from: string, to: string, role: string): WorkflowTableRow => ({ row, type, step: String(step), from, to, role });

describe("the default chains of SPEC §5.1, written once as data", () => {
  it.each([
    ["marketingPlan", "Draft → Reviewed (marketingAssistant) → Approved (director)"],
    ["promotionPlan", "Draft → DirectorApproved (director) → Approved (president)"],
    ["marketingActivity", "Draft → Reviewed (marketingDept) → Approved (director)"],
    ["expenseBudget", "Draft → Compiled (marketingDept) → Approved (director)"],
    ["promotionReport", "Draft → DirectorApproved (director) → Approved (president)"],
    ["policyVersion", "Draft → Approved (director)"],
    ["expenseClaim", "Draft → DeptApproved (departmentHead) → FinanceChecked (finance) → Approved (president) → Paid (finance)"],
    ["stockTransfer", "Draft → ManagerApproved (regionalManager) → Approved (director) → Arranged (warehouse)"],
    ["exchange", "Draft → Reviewed (marketingManager) → Approved (director) → Done (customerService)"],
    ["return", "Draft → Approved (marketingManager) → Refunded (finance) → Done (sales)"],
    ["targetDealer", "Draft → Approved (director)"],
    ["dealerAgreement", "Draft → Approved (director)"],
  ] as const)("%s: %s", (type, chain) => {
    expect(chainText(DEFAULT_CHAINS[type].steps)).toBe(chain);
    expect(DEFAULT_CHAINS[type]).toMatchObject({ origin: "default", broken: false });
  });

  it("covers every item type, numbering each chain's steps 1, 2, 3…", () => {
    expect(ITEM_TYPES).toHaveLength(12);
    for (const type of ITEM_TYPES) expect(DEFAULT_CHAINS[type].steps.map((s) => s.step)).toEqual(DEFAULT_CHAINS[type].steps.map((_, i) => i + 1));
  });

  it("the defaults written into a Workflows table have no problem and give the same chains", () => {
    const rows = DEFAULT_WORKFLOWS.map((r, i) => wf(i + 2, r.type, r.step, r.from, r.to, r.role));
    expect(checkChains(rows)).toEqual([]);
    const chains = chainsFrom(rows);
    for (const type of ITEM_TYPES) {
      expect(chains[type].origin).toBe("workflows");
      expect(chainText(chains[type].steps)).toBe(chainText(DEFAULT_CHAINS[type].steps));
    }
  });
});

describe("reading what people type", () => {
  it.each([
    ["expenseClaim", "expenseClaim"],
    [" Expense  Claim ", "expenseClaim"],
    ["费用报销", "expenseClaim"],
    ["报销", "expenseClaim"],
    ["STOCK TRANSFER", "stockTransfer"],
    ["调货", "stockTransfer"],
    ["促销活动总结报告", "promotionReport"],
    ["return", "return"],
    ["退货", "return"],
    ["经销协议", "dealerAgreement"],
    ["ｄｅａｌｅｒ　ａｇｒｅｅｍｅｎｔ", "dealerAgreement"],
    ["营销计划", "marketingPlan"],
    ["Refund", undefined],
    ["", undefined],
  ])("type %j → %s", (text, type) => {
    expect(parseItemType(text)).toBe(type);
  });

  it.each([
    ["FinanceChecked", "FinanceChecked"],
    ["finance checked", "FinanceChecked"],
    ["Director approved", "DirectorApproved"],
    ["checked by finance", "FinanceChecked"],
    ["财务已审核", "FinanceChecked"],
    ["Approved by director", "DirectorApproved"],
    ["总监已批准", "DirectorApproved"],
    ["部门负责人已批准", "DeptApproved"],
    ["已退款", "Refunded"],
    ["Returned", "Draft"],
    ["已驳回", "Rejected"],
    ["已否决", "Rejected"],
    ["Pending", undefined],
  ])("status %j → %s", (text, status) => {
    expect(parseWorkflowStatus(text)).toBe(status);
  });

  it.each([
    ["director", "director"],
    ["Marketing director", "director"],
    ["营销总监", "director"],
    ["营销总部", "director"],
    ["marketing HQ", "director"],
    ["公司领导", "president"],
    ["总裁", "president"],
    ["  department HEAD ", "departmentHead"],
    ["部门负责人", "departmentHead"],
    ["市场部经理", "marketingManager"],
    ["市场部", "marketingDept"],
    ["营销人员", "sales"],
    ["销售行政", "salesAdmin"],
    ["boss", undefined],
  ])("role %j → %s", (text, role) => {
    expect(parseRole(text)).toBe(role);
  });

  it("a role is stored as its code; isRole tells a code from a name", () => {
    expect(isRole("director")).toBe(true);
    expect(isRole("Marketing director")).toBe(false);
    expect(isRole("Director")).toBe(false);
  });

  it("every code, English and Chinese name reads back as its own code", () => {
    for (const type of ITEM_TYPES) for (const text of [type, ITEM_TYPE_NAMES[type].en, ITEM_TYPE_NAMES[type].zh]) expect(parseItemType(text)).toBe(type);
    for (const status of WORKFLOW_STATUSES) for (const text of [status, WORKFLOW_STATUS_NAMES[status].en, WORKFLOW_STATUS_NAMES[status].zh]) expect(parseWorkflowStatus(text)).toBe(status);
    for (const role of ROLES) for (const text of [role, ROLE_NAMES[role].en, ROLE_NAMES[role].zh]) expect(parseRole(text)).toBe(role);
  });

  it("§5's roles (code · English · 中文), the existing codes kept", () => {
    expect(ROLES).toEqual([
      "marketingAssistant", "marketingDept", "marketingManager", "director", "president", "finance",
      "region", "regionalManager", "departmentHead", "warehouse", "customerService", "sales", "salesAdmin",
    ]);
    expect(ROLE_NAMES).toEqual({
      marketingAssistant: { en: "Marketing assistant", zh: "市场部助理" },
      marketingDept: { en: "Marketing department", zh: "市场部" },
      marketingManager: { en: "Marketing department manager", zh: "市场部经理" },
      director: { en: "Marketing director", zh: "营销总监" },
      president: { en: "President", zh: "总裁" },
      finance: { en: "Finance", zh: "财务" },
      region: { en: "Regional staff", zh: "区域" },
      regionalManager: { en: "Regional manager", zh: "区域经理" },
      departmentHead: { en: "Department head", zh: "部门负责人" },
      warehouse: { en: "Warehouse", zh: "仓储部" },
      customerService: { en: "Customer service", zh: "客服" },
      sales: { en: "Sales staff", zh: "营销人员" },
      salesAdmin: { en: "Sales admin", zh: "销售行政" },
    });
  });

  it("§5.1's item types and the chains' statuses, named in both languages", () => {
    expect(ITEM_TYPE_NAMES).toEqual({
      marketingPlan: { en: "Marketing plan", zh: "营销计划" },
      promotionPlan: { en: "Promotion plan", zh: "促销计划" },
      marketingActivity: { en: "Marketing activity", zh: "营销活动" },
      expenseBudget: { en: "Expense budget", zh: "费用预算" },
      promotionReport: { en: "Promotion report", zh: "促销活动总结报告" },
      policyVersion: { en: "Policy version", zh: "政策版本" },
      expenseClaim: { en: "Expense claim", zh: "费用报销" },
      stockTransfer: { en: "Stock transfer", zh: "调货申请" },
      exchange: { en: "Exchange", zh: "换货" },
      return: { en: "Return", zh: "退货" },
      targetDealer: { en: "Target dealer", zh: "目标经销商" },
      dealerAgreement: { en: "Dealer agreement", zh: "经销协议" },
    });
    expect(WORKFLOW_STATUS_NAMES).toEqual({
      Draft: { en: "Draft", zh: "草稿" },
      Reviewed: { en: "Reviewed", zh: "已审核" },
      Compiled: { en: "Compiled", zh: "已编制" },
      DirectorApproved: { en: "Approved by director", zh: "总监已批准" },
      DeptApproved: { en: "Approved by department head", zh: "部门已批准" },
      FinanceChecked: { en: "Checked by finance", zh: "财务已审核" },
      ManagerApproved: { en: "Approved by regional manager", zh: "经理已批准" },
      Approved: { en: "Approved", zh: "已批准" },
      Arranged: { en: "Arranged", zh: "已安排" },
      Refunded: { en: "Refunded", zh: "已退款" },
      Paid: { en: "Paid", zh: "已支付" },
      Done: { en: "Done", zh: "已完成" },
      Rejected: { en: "Rejected", zh: "已否决" },
    });
  });

  it.each([
    ["role", parseRole, {
      marketingManager: ["marketing dept manager"],
      director: ["marketing HQ", "marketing headquarters", "营销总部", "总监"],
      president: ["company leader", "公司领导"],
      finance: ["财务部"],
      region: ["regional team", "区域人员"],
      departmentHead: ["dept head"],
      warehouse: ["仓库"],
      customerService: ["客服部"],
    }],
    ["type", parseItemType, {
      promotionReport: ["promotion summary report", "促销总结报告", "促销报告"],
      expenseClaim: ["expense reimbursement", "报销", "费用报销单"],
      stockTransfer: ["transfer", "调货", "调货申请单"],
      exchange: ["换货申请"],
      return: ["退货申请"],
      dealerAgreement: ["《经销协议》"],
    }],
    ["status", parseWorkflowStatus, {
      Draft: ["returned", "退回", "已退回"],
      Compiled: ["已汇编"],
      DirectorApproved: ["总监已审批"],
      DeptApproved: ["department approved", "部门负责人已批准"],
      FinanceChecked: ["财务已审", "财务已核对"],
      ManagerApproved: ["区域经理已批准"],
      Approved: ["已审批", "已通过"],
      Arranged: ["已安排调货"],
      Paid: ["已付款"],
      Done: ["已办结", "完成"],
      Rejected: ["已驳回", "驳回", "否决"],
    }],
  ] as const)("the other words the documents and people use for a %s", (_, parse, aliases) => {
    for (const [code, words] of Object.entries(aliases)) for (const word of words) expect([word, (parse as (text: string) => string | undefined)(word)]).toEqual([word, code]);
  });

  it("a blank name, or one name for two codes, is refused when the data is read", () => {
    expect(() => nameReader(["a", "b"], { a: { en: "Same", zh: "甲" }, b: { en: "same", zh: "乙" } })).toThrow("“same” is given to both a and b");
    expect(() => nameReader(["a"], { a: { en: " ", zh: "甲" } })).toThrow("a has a blank name");
    expect(() => nameReader(["a"], { a: { en: "Alpha one", zh: "甲" } }, { a: ["alphaOne"] })).toThrow("alias “alphaOne” of a reads as one of its names already");
    expect(nameReader(["a"], { a: { en: "A", zh: "甲" } }, { a: ["alpha"] })("ALPHA")).toBe("a");
    expect(nameReader(["a"], { a: { en: "A", zh: "甲" } })(" a ")).toBe("a");
  });

  it("the pane shows the same names for types and statuses", () => {
    for (const type of ITEM_TYPES) {
      expect(uiText("en", `planType.${type}`)).toBe(ITEM_TYPE_NAMES[type].en);
      expect(uiText("zh", `planType.${type}`)).toBe(ITEM_TYPE_NAMES[type].zh);
    }
    for (const status of WORKFLOW_STATUSES) {
      expect(uiText("en", `status.${status}`)).toBe(WORKFLOW_STATUS_NAMES[status].en);
      expect(uiText("zh", `status.${status}`)).toBe(WORKFLOW_STATUS_NAMES[status].zh);
    }
    expect(uiText("zh", "status.Verified")).toBe("已核实");
  });
});

describe("the Workflows table replaces the chains it lists (§5.3)", () => {
  it("replacing one type's chain leaves every other type on its default", () => {
    const chains = chainsFrom([wf(2, "Marketing plan", 1, "Draft", "Approved", "Marketing director")]);
    expect(chainText(chains.marketingPlan.steps)).toBe("Draft → Approved (director)");
    expect(chains.marketingPlan).toMatchObject({ origin: "workflows", broken: false });
    expect(chains.marketingPlan.steps[0]).toEqual({ step: 1, from: "Draft", to: "Approved", role: "director", row: 2 });
    for (const type of ITEM_TYPES.filter((t) => t !== "marketingPlan")) expect(chains[type]).toBe(DEFAULT_CHAINS[type]);
  });

  it("adding a step: a target dealer is first reviewed by the regional manager, in Chinese", () => {
    const chains = chainsFrom([
      wf(5, "目标经销商", 2, "已审核", "已批准", "营销总监"),
      wf(4, "目标经销商", 1, "草稿", "已审核", "区域经理"),
    ]);
    expect(chainText(chains.targetDealer.steps)).toBe("Draft → Reviewed (regionalManager) → Approved (director)");
    expect(waitingFor(chains, "targetDealer", "Draft")).toBe("regionalManager");
    expect(waitingFor(chains, "targetDealer", "Reviewed")).toBe("director");
  });

  it("moving a step to another role: the president approves policy versions", () => {
    const chains = chainsFrom([wf(2, "policyVersion", 1, "Draft", "Approved", "president")]);
    expect(waitingFor(chains, "policyVersion", "Draft")).toBe("president");
    expect(waitingFor(DEFAULT_CHAINS, "policyVersion", "Draft")).toBe("director");
    expect(roleDuties(chains, "director").map((d) => d.type)).not.toContain("policyVersion");
  });

  it("an empty table, blank rows and rows of an unknown type change nothing", () => {
    expect(chainsFrom([])).toBe(DEFAULT_CHAINS);
    expect(chainsFrom([wf(2, " ", "", "", "", "")])).toBe(DEFAULT_CHAINS);
    expect(chainsFrom([wf(2, "Invoice", 1, "Draft", "Approved", "director")])).toBe(DEFAULT_CHAINS);
    expect(checkChains([wf(2, " ", "", "", "", ""), wf(3, "", "", "", "", "")])).toEqual([]);
  });

  it("a type is broken by any problem of its rows, of the rows' own cells or of the chain's shape", () => {
    const fine = wf(2, "exchange", 1, "Draft", "Approved", "director");
    expect(chainsFrom([fine]).exchange.broken).toBe(false);
    expect(chainsFrom([fine, wf(3, "exchange", 2, "Approved", "Nowhere", "customerService")]).exchange).toEqual({ steps: [], origin: "workflows", broken: true });
    expect(chainsFrom([fine, wf(3, "exchange", "second", "Approved", "Done", "customerService")]).exchange.broken).toBe(true);
    expect(chainsFrom([fine, wf(3, "exchange", 2, "Approved", "Done", "boss")]).exchange.broken).toBe(true);
    expect(chainsFrom([fine, wf(3, "exchange", 2, "Reviewed", "Done", "customerService")]).exchange.broken).toBe(true);
    expect(chainsFrom([wf(2, "exchange", 1, "Draft", "Reviewed", "director")]).exchange.broken).toBe(true);
  });

  it("a type whose rows have a problem is broken: nobody acts on it, other types go on", () => {
    const chains = chainsFrom([wf(2, "exchange", 1, "Draft", "Approved", "boss"), wf(3, "return", 1, "Draft", "Approved", "director")]);
    expect(chains.exchange).toEqual({ steps: [], origin: "workflows", broken: true });
    expect(nextStepOf(chains, "exchange", "Draft")).toBeUndefined();
    expect(waitingFor(chains, "exchange", "Draft")).toBeUndefined();
    expect(actOnItem(chains, { id: "EX-1", type: "exchange", owner: "a", status: "Draft" }, "approve", { name: "b", role: "director" }, "")).toEqual({
      kind: "value",
      code: "workflowBroken",
      params: { id: "EX-1", type: "exchange" },
    });
    expect(chains.return).toMatchObject({ broken: false, origin: "workflows" });
    expect(chains.expenseClaim).toBe(DEFAULT_CHAINS.expenseClaim);
  });
});

describe("checkChains: every problem of the Workflows rows, with its row", () => {
  const codes = (rows: readonly WorkflowTableRow[]) => checkChains(rows).map((p) => [p.row, p.error.code]);

  it("a gap: nothing leads to the step's From", () => {
    const rows = [wf(2, "exchange", 1, "Draft", "Reviewed", "marketingManager"), wf(3, "exchange", 2, "Approved", "Done", "customerService")];
    expect(checkChains(rows)).toEqual([
      { row: 2, error: { kind: "value", code: "workflowNoFinalStatus", params: { to: "Reviewed", choices: "Approved, Arranged, Refunded, Paid, Done" } } },
      { row: 3, error: { kind: "value", code: "workflowGap", params: { from: "Approved" } } },
    ]);
  });

  it("a loop: a step back to a status already passed, Draft or its own", () => {
    expect(codes([wf(2, "return", 1, "Draft", "Approved", "marketingManager"), wf(3, "return", 2, "Approved", "Draft", "finance")])).toEqual([[3, "workflowLoop"]]);
    expect(codes([wf(2, "return", 1, "Draft", "Reviewed", "marketingManager"), wf(3, "return", 2, "Reviewed", "Approved", "finance"), wf(4, "return", 3, "Approved", "Reviewed", "sales")])).toEqual([
      [4, "workflowLoop"],
    ]);
    expect(checkChains([wf(7, "return", 1, "Draft", "Draft", "finance")])).toEqual([{ row: 7, error: { kind: "value", code: "workflowLoop", params: { from: "Draft", to: "Draft" } } }]);
    // A loop has no end to judge: only the loop is reported.
    expect(codes([wf(2, "return", 1, "Draft", "Reviewed", "marketingManager"), wf(3, "return", 2, "Reviewed", "Reviewed", "finance")])).toEqual([[3, "workflowLoop"]]);
  });

  it("a step off the chain leading only to itself is a gap, not a loop", () => {
    expect(codes([wf(2, "return", 1, "Draft", "Approved", "marketingManager"), wf(3, "return", 2, "Reviewed", "Reviewed", "finance")])).toEqual([[3, "workflowGap"]]);
  });

  it("an unknown type, role or status; a step number that is none", () => {
    expect(checkChains([wf(2, "Invoice", 1, "Draft", "Approved", "director")])).toEqual([
      { row: 2, error: { kind: "value", code: "workflowUnknownType", params: { value: "Invoice", choices: ITEM_TYPES.join(", ") } } },
    ]);
    expect(checkChains([wf(2, "exchange", 1, "Draft", "Approved", " boss ")])).toEqual([
      { row: 2, error: { kind: "value", code: "workflowUnknownRole", params: { value: "boss", choices: ROLES.join(", ") } } },
    ]);
    expect(checkChains([wf(2, "exchange", 1, "Draft", "Pending", "director")])).toEqual([
      { row: 2, error: { kind: "value", code: "workflowUnknownStatus", params: { value: "Pending", choices: WORKFLOW_STATUSES.filter((s) => s !== "Rejected").join(", ") } } },
    ]);
    expect(codes([wf(2, "exchange", 1, "Nowhere", "Approved", "director")])).toEqual([[2, "workflowUnknownStatus"]]);
    expect(codes([wf(2, "exchange", "", "Draft", "Approved", "director")])).toEqual([[2, "workflowBadStep"]]);
    expect(codes([wf(2, "exchange", "first", "Draft", "Approved", "director")])).toEqual([[2, "workflowBadStep"]]);
    expect(codes([wf(2, "exchange", 0, "Draft", "Approved", "director")])).toEqual([[2, "workflowBadStep"]]);
    expect(codes([wf(2, "exchange", 1.5, "Draft", "Approved", "director")])).toEqual([[2, "workflowBadStep"]]);
    expect(codes([wf(2, "exchange", "2.0", "Draft", "Approved", "director")])).toEqual([]);
    expect(codes([wf(2, "exchange", " 3 ", "Draft", "Approved", "director")])).toEqual([]);
  });

  it("a problem names the cell's text as typed, without the spaces around it", () => {
    const rows = [wf(2, " Invoice ", 1, "Draft", "Approved", "director"), wf(3, "exchange", " x ", " Draft ", " Pending ", "director"), wf(4, "return", 1, "Draft", " 已驳回 ", "finance")];
    expect(checkChains(rows).map((p) => p.error.params.value)).toEqual(["Invoice", "x", "Pending", "已驳回"]);
  });

  it("every problem of one row is reported, and its chain's shape is not judged on guesses", () => {
    expect(codes([wf(2, "exchange", "x", "Draft", "Pending", "boss"), wf(3, "exchange", 2, "Approved", "Done", "customerService")])).toEqual([
      [2, "workflowBadStep"],
      [2, "workflowUnknownRole"],
      [2, "workflowUnknownStatus"],
    ]);
  });

  it("Rejected is the reject action's, not a step's", () => {
    expect(checkChains([wf(2, "exchange", 1, "Draft", "已驳回", "director")])).toEqual([{ row: 2, error: { kind: "value", code: "workflowRejectedStep", params: { value: "已驳回" } } }]);
    expect(codes([wf(2, "exchange", 1, "Draft", "Approved", "director"), wf(3, "exchange", 2, "Rejected", "Done", "director")])).toEqual([[3, "workflowRejectedStep"]]);
  });

  it("a step nobody can reach: it follows only steps that are out of reach themselves", () => {
    const rows = [
      wf(2, "stockTransfer", 1, "Draft", "Approved", "director"),
      wf(3, "stockTransfer", 2, "ManagerApproved", "FinanceChecked", "regionalManager"),
      wf(4, "stockTransfer", 3, "FinanceChecked", "Arranged", "warehouse"),
    ];
    expect(codes(rows)).toEqual([
      [3, "workflowGap"],
      [4, "workflowUnreachable"],
    ]);
    // Two steps leading to each other, apart from the chain: neither is a gap, both out of reach.
    expect(codes([wf(2, "exchange", 1, "Draft", "Approved", "director"), wf(3, "exchange", 2, "Reviewed", "Done", "sales"), wf(4, "exchange", 3, "Done", "Reviewed", "sales")])).toEqual([
      [3, "workflowUnreachable"],
      [4, "workflowUnreachable"],
    ]);
  });

  it("two steps from the same status", () => {
    const rows = [wf(2, "exchange", 1, "Draft", "Approved", "director"), wf(3, "exchange", 1, "Draft", "Reviewed", "marketingManager")];
    expect(checkChains(rows)).toEqual([{ row: 3, error: { kind: "value", code: "workflowDuplicateFrom", params: { from: "Draft", otherRow: 2 } } }]);
  });

  it("a chain that never ends in a final status", () => {
    expect(checkChains([wf(9, "expenseClaim", 1, "Draft", "DeptApproved", "departmentHead")])).toEqual([
      { row: 9, error: { kind: "value", code: "workflowNoFinalStatus", params: { to: "DeptApproved", choices: CHAIN_END_STATUSES.join(", ") } } },
    ]);
    for (const end of CHAIN_END_STATUSES) expect(checkChains([wf(9, "expenseClaim", 1, "Draft", end, "finance")])).toEqual([]);
  });

  it("step numbers follow the chain's order", () => {
    const rows = [wf(2, "exchange", 2, "Draft", "Reviewed", "marketingManager"), wf(3, "exchange", 2, "Reviewed", "Approved", "director")];
    expect(checkChains(rows)).toEqual([{ row: 3, error: { kind: "value", code: "workflowStepOrder", params: { step: 2, previous: 2, from: "Reviewed" } } }]);
    expect(codes([wf(2, "exchange", 10, "Draft", "Reviewed", "marketingManager"), wf(3, "exchange", 20, "Reviewed", "Approved", "director")])).toEqual([]);
  });

  it("problems come in row order across types", () => {
    const rows = [wf(4, "return", 1, "Draft", "Approved", "nobody"), wf(2, "exchange", 1, "Draft", "Approved", "director"), wf(3, "exchange", 1, "Draft", "Done", "director")];
    expect(codes(rows)).toEqual([
      [3, "workflowDuplicateFrom"],
      [4, "workflowUnknownRole"],
    ]);
  });

  it("every problem reads as a sentence in both languages", () => {
    const rows = [
      wf(2, "Invoice", 1, "Draft", "Approved", "director"),
      wf(3, "exchange", "x", "Draft", "Pending", "boss"),
      wf(4, "return", 1, "Draft", "Rejected", "finance"),
      wf(5, "stockTransfer", 1, "Draft", "Reviewed", "director"),
      wf(6, "stockTransfer", 1, "Draft", "Approved", "director"),
      wf(7, "stockTransfer", 1, "Reviewed", "Draft", "director"),
      wf(8, "stockTransfer", 3, "ManagerApproved", "Paid", "finance"),
      wf(9, "stockTransfer", 4, "Paid", "Done", "finance"),
      wf(10, "targetDealer", 2, "Draft", "Reviewed", "director"),
      wf(11, "targetDealer", 1, "Reviewed", "Compiled", "director"),
    ];
    const problems = checkChains(rows);
    expect(new Set(problems.map((p) => p.error.code))).toEqual(
      new Set([
        "workflowUnknownType", "workflowBadStep", "workflowUnknownStatus", "workflowUnknownRole", "workflowRejectedStep", "workflowDuplicateFrom",
        "workflowLoop", "workflowGap", "workflowUnreachable", "workflowStepOrder", "workflowNoFinalStatus",
      ]),
    );
    for (const { error } of problems) {
      for (const lang of ["en", "zh"] as const) expect(describeRuleError(error, lang)).not.toMatch(/{{|rule\./);
    }
    expect(describeRuleError(problems.find((p) => p.error.code === "workflowDuplicateFrom")!.error, "en")).toBe(
      "Row 5 already has a step from Draft: an item in one status has one next step.",
    );
    expect(describeRuleError(problems.find((p) => p.error.code === "workflowGap")!.error, "zh")).toBe(
      "断档：没有任何步骤到达 ManagerApproved。流程从草稿（Draft）开始，其余每一步都须从同类型另一步的结果状态出发。",
    );
  });
});

describe("acting on an item (§5.1: approve → next step, return → Draft, reject → Rejected)", () => {
  const claim = (status: WorkflowStatus, owner = "刘洋"): WorkflowItem => ({ id: "EC-2026-014", type: "expenseClaim", owner, status });
  const deptHead = { name: "周部长", role: "departmentHead" as const };
  const cashier = { name: "吴会计", role: "finance" as const };
  const president = { name: "陈总裁", role: "president" as const };
  const treasurer = { name: "郑出纳", role: "finance" as const };

  it("an expense claim goes through its four steps by department head, finance, president and finance", () => {
    let status: WorkflowStatus = "Draft";
    const trail: [Role | undefined, WorkflowStatus][] = [];
    for (const actor of [deptHead, cashier, president, treasurer]) {
      const role = waitingFor(DEFAULT_CHAINS, "expenseClaim", status);
      const next = actOnItem(DEFAULT_CHAINS, claim(status), "approve", actor, "");
      if (typeof next !== "string") throw new Error(next.code);
      trail.push([role, next]);
      status = next;
    }
    expect(trail).toEqual([
      ["departmentHead", "DeptApproved"],
      ["finance", "FinanceChecked"],
      ["president", "Approved"],
      ["finance", "Paid"],
    ]);
    expect(waitingFor(DEFAULT_CHAINS, "expenseClaim", "Paid")).toBeUndefined();
    expect(actOnItem(DEFAULT_CHAINS, claim("Paid"), "approve", treasurer, "")).toEqual({ kind: "value", code: "itemNotPending", params: { id: "EC-2026-014", status: "Paid" } });
  });

  it("nobody acts on an item they submitted, whatever their role", () => {
    expect(actOnItem(DEFAULT_CHAINS, claim("Draft", " 周部长 "), "approve", deptHead, "")).toEqual({ kind: "value", code: "ownItem", params: { id: "EC-2026-014" } });
    expect(actOnItem(DEFAULT_CHAINS, claim("Draft", "Li Na"), "approve", { name: " li na ", role: "departmentHead" }, "")).toMatchObject({ code: "ownItem" });
    expect(actOnItem(DEFAULT_CHAINS, claim("Draft", "Li Na"), "approve", { name: "Li Nan", role: "departmentHead" }, "")).toBe("DeptApproved");
  });

  it("only the step's role may act", () => {
    expect(actOnItem(DEFAULT_CHAINS, claim("DeptApproved"), "approve", president, "")).toEqual({
      kind: "value",
      code: "roleNotAllowed",
      params: { role: "president", needed: "finance", value: "FinanceChecked" },
    });
  });

  it("return goes back to Draft and reject is final, both only with a comment", () => {
    expect(actOnItem(DEFAULT_CHAINS, claim("FinanceChecked"), "return", president, "附上发票原件")).toBe("Draft");
    expect(actOnItem(DEFAULT_CHAINS, claim("FinanceChecked"), "reject", president, "不属于报销范围")).toBe("Rejected");
    expect(actOnItem(DEFAULT_CHAINS, claim("FinanceChecked"), "return", president, " ")).toEqual({
      kind: "value",
      code: "itemCommentRequired",
      params: { action: "return", id: "EC-2026-014" },
    });
    expect(actOnItem(DEFAULT_CHAINS, claim("FinanceChecked"), "reject", president, "")).toMatchObject({ code: "itemCommentRequired", params: { action: "reject" } });
    expect(actOnItem(DEFAULT_CHAINS, claim("Rejected"), "approve", deptHead, "")).toMatchObject({ code: "itemNotPending" });
  });

  it("a refusal's reason comes in this order: no step waiting, own item, another role, no comment", () => {
    expect(actOnItem(DEFAULT_CHAINS, claim("Paid", "陈总裁"), "reject", president, "")).toMatchObject({ code: "itemNotPending" });
    expect(actOnItem(DEFAULT_CHAINS, claim("Draft", "陈总裁"), "reject", president, "")).toMatchObject({ code: "ownItem" });
    expect(actOnItem(DEFAULT_CHAINS, claim("Draft"), "reject", president, "")).toMatchObject({ code: "roleNotAllowed" });
  });

  it("the chains in force decide: a Workflows override moves the step", () => {
    const chains = chainsFrom([wf(2, "费用报销", 1, "草稿", "已批准", "总裁"), wf(3, "费用报销", 2, "已批准", "已支付", "财务")]);
    expect(actOnItem(chains, claim("Draft"), "approve", deptHead, "")).toMatchObject({ code: "roleNotAllowed", params: { needed: "president" } });
    expect(actOnItem(chains, claim("Draft"), "approve", president, "")).toBe("Approved");
    expect(actOnItem(chains, claim("DeptApproved"), "approve", cashier, "")).toMatchObject({ code: "itemNotPending" });
  });
});

describe("what each role may do (Settings)", () => {
  it("the steps each role takes, from the chains", () => {
    expect(roleDuties(DEFAULT_CHAINS, "finance")).toEqual([
      { type: "expenseClaim", from: "DeptApproved", to: "FinanceChecked" },
      { type: "expenseClaim", from: "Approved", to: "Paid" },
      { type: "return", from: "Approved", to: "Refunded" },
    ]);
    expect(roleDuties(DEFAULT_CHAINS, "president").map((d) => d.type)).toEqual(["promotionPlan", "promotionReport", "expenseClaim"]);
    expect(roleDuties(DEFAULT_CHAINS, "salesAdmin")).toEqual([]);
    expect(roleDuties(DEFAULT_CHAINS, "region")).toEqual([]);
    for (const role of ROLES.filter((r) => r !== "salesAdmin" && r !== "region")) expect(roleDuties(DEFAULT_CHAINS, role).length).toBeGreaterThan(0);
  });

  it("one line per role, in both languages, with the rebate chain's steps, grouped by the status they lead to", () => {
    expect(describeRole("finance", DEFAULT_CHAINS, "en")).toBe("Moves Expense claim to Checked by finance; Expense claim, Rebate to Paid; Return to Refunded; Rebate to Verified; Rebate to Reconciled.");
    expect(describeRole("marketingAssistant", DEFAULT_CHAINS, "zh")).toBe("负责把营销计划改为“已审核”。");
    expect(describeRole("president", DEFAULT_CHAINS, "en")).toBe(
      "Moves Promotion plan, Promotion report, Expense claim, Rebate to Approved. Also acts as the company leader.",
    );
    expect(describeRole("salesAdmin", DEFAULT_CHAINS, "en")).toBe("Acts in no approval chain. Keeps the Sales and Reps tables.");
    expect(describeRole("salesAdmin", DEFAULT_CHAINS, "zh")).toBe("不参与任何审批流程。负责维护销售表和业务员表。");
    expect(describeRole("director", DEFAULT_CHAINS, "zh")).toBe(
      "负责把营销计划、营销活动、费用预算、政策版本、调货申请、换货、目标经销商、经销协议改为“已批准”；把促销计划、促销活动总结报告改为“总监已批准”；把返利改为“已审核”。同时代表营销总部审批。",
    );
  });

  it("the description follows the Workflows table", () => {
    const chains = chainsFrom([wf(2, "policyVersion", 1, "Draft", "Approved", "region")]);
    expect(describeRole("region", chains, "en")).toBe("Moves Policy version to Approved.");
  });
});

describe("property: a valid chain is walked from Draft to its end in as many approvals as it has steps", () => {
  const passable = WORKFLOW_STATUSES.filter((s) => s !== "Draft" && s !== "Rejected");
  /** The ways people write a code: itself, its names, shouted with spaces, in lower case. */
  const spell = (code: string, names: { readonly en: string; readonly zh: string }, way: number) =>
    [code, names.en, names.zh, ` ${names.en.toUpperCase()}  `, code.toLowerCase()][way];
  const way = fc.nat(4);
  const chainSpec = fc.record({
    type: fc.constantFrom(...ITEM_TYPES),
    passing: fc.uniqueArray(fc.constantFrom(...passable), { maxLength: 6 }),
    end: fc.constantFrom(...CHAIN_END_STATUSES),
    steps: fc.array(fc.record({ role: fc.constantFrom(...ROLES), numberGap: fc.integer({ min: 1, max: 5 }), ways: fc.tuple(way, way, way, way) }), { minLength: 7, maxLength: 7 }),
  });
  /** One to three types' chains, and their Workflows rows in any order, types interleaved. */
  const written = fc.uniqueArray(chainSpec, { minLength: 1, maxLength: 3, selector: (s) => s.type }).chain((specs) => {
    const chains = specs.map((spec) => {
      const statuses = [...spec.passing.filter((s) => s !== spec.end), spec.end];
      let number = 0;
      const steps = statuses.map((to, i) => ({ from: i === 0 ? ("Draft" as const) : statuses[i - 1], to, ...spec.steps[i], step: (number += spec.steps[i].numberGap) }));
      return { type: spec.type, statuses, steps };
    });
    const cells = chains.flatMap(({ type, steps }) =>
      steps.map(({ step, from, to, role, ways: [t, f, o, r] }) => ({
        type: spell(type, ITEM_TYPE_NAMES[type], t),
        step: String(step),
        from: spell(from, WORKFLOW_STATUS_NAMES[from], f),
        to: spell(to, WORKFLOW_STATUS_NAMES[to], o),
        role: spell(role, ROLE_NAMES[role], r),
      })),
    );
    return fc.shuffledSubarray(cells, { minLength: cells.length }).map((shuffled) => ({ chains, rows: shuffled.map((c, i): WorkflowTableRow => ({ row: i + 2, ...c })) }));
  });

  it("holds for any chains chainsFrom makes of valid rows", () => {
    fc.assert(
      fc.property(written, ({ chains: specs, rows }) => {
        expect(checkChains(rows)).toEqual([]);
        const chains: Chains = chainsFrom(rows);
        for (const { type, statuses } of specs) {
          expect(chains[type].steps).toHaveLength(statuses.length);
          let status: WorkflowStatus = "Draft";
          let approvals = 0;
          for (let role = waitingFor(chains, type, status); role; role = waitingFor(chains, type, status)) {
            const next = actOnItem(chains, { id: "X", type, owner: "submitter", status }, "approve", { name: "approver", role }, "");
            if (typeof next !== "string" || approvals > statuses.length) throw new Error(`stuck at ${status}`);
            status = next;
            approvals += 1;
          }
          expect(approvals).toBe(chains[type].steps.length);
          expect(status).toBe(statuses[statuses.length - 1]);
          expect(CHAIN_END_STATUSES).toContain(status);
        }
        for (const type of ITEM_TYPES.filter((t) => !specs.some((s) => s.type === t))) expect(chains[type]).toBe(DEFAULT_CHAINS[type]);
      }),
    );
  });
});
