import { nameReader, type Names } from "./names";

/**
 * What goes through an approval chain (SPEC §5.1): the four plan types of §3.1 (Plans
 * table) and the requests of §5.2 (Requests table), policy versions included.
 * Sources: 003 (营销计划管理, 促销计划, 调货/换货/退货, 经销商管理, 政策版本), 001, 004 (费用审批流程).
 */
export const ITEM_TYPES = [
  "marketingPlan",
  "promotionPlan",
  "marketingActivity",
  "expenseBudget",
  "promotionReport",
  "policyVersion",
  "expenseClaim",
  "stockTransfer",
  "exchange",
  "return",
  "targetDealer",
  "dealerAgreement",
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const ITEM_TYPE_NAMES: Readonly<Record<ItemType, Names>> = {
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
};

/** The shorter or longer forms the documents and people use. */
const ITEM_TYPE_ALIASES: Readonly<Partial<Record<ItemType, readonly string[]>>> = {
  promotionReport: ["promotion summary report", "促销总结报告", "促销报告"],
  expenseClaim: ["expense reimbursement", "报销", "费用报销单"],
  stockTransfer: ["transfer", "调货", "调货申请单"],
  exchange: ["换货申请"],
  return: ["退货申请"],
  dealerAgreement: ["《经销协议》"],
};

/** An item type from its code, English or Chinese name, or an alias; case and spaces do not matter. */
export const parseItemType: (text: string) => ItemType | undefined = nameReader(ITEM_TYPES, ITEM_TYPE_NAMES, ITEM_TYPE_ALIASES);
