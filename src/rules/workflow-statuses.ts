import { nameReader, type Names } from "./names";

/**
 * The statuses the approval chains use (SPEC §5.1). Cells store the code; the pane shows
 * the name in the user's language. Rejected is reached by the reject action from any
 * step, never by a step of a chain; Draft is where every chain starts and where the
 * return action sends an item back.
 */
export const WORKFLOW_STATUSES = [
  "Draft",
  "Reviewed",
  "Compiled",
  "DirectorApproved",
  "DeptApproved",
  "FinanceChecked",
  "ManagerApproved",
  "Approved",
  "Arranged",
  "Refunded",
  "Paid",
  "Done",
  "Rejected",
] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const WORKFLOW_STATUS_NAMES: Readonly<Record<WorkflowStatus, Names>> = {
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
};

/** Other words people type; "Returned" is an item sent back for revision, which is a draft again. */
const WORKFLOW_STATUS_ALIASES: Readonly<Partial<Record<WorkflowStatus, readonly string[]>>> = {
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
};

/** A status from its code, English or Chinese name, or an alias; case and spaces do not matter. */
export const parseWorkflowStatus: (text: string) => WorkflowStatus | undefined = nameReader(WORKFLOW_STATUSES, WORKFLOW_STATUS_NAMES, WORKFLOW_STATUS_ALIASES);

/**
 * The statuses a chain may end in: an outcome, not a stage on the way to one. A chain
 * whose last step leads elsewhere (say, to Reviewed) would leave its items half approved.
 */
export const CHAIN_END_STATUSES: readonly WorkflowStatus[] = ["Approved", "Arranged", "Refunded", "Paid", "Done"];
