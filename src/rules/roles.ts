import { nameReader, type Names } from "./names";

/**
 * The roles that act in the policy's approval chains (000, 001, 003, 004; SPEC §5.1).
 * Identity inside a workbook is declared, not proven: the role is what the user says they
 * act as. Cells and settings store the code; either name is accepted where people type one.
 */
export const ROLES = [
  "marketingAssistant",
  "marketingDept",
  "marketingManager",
  "director",
  "president",
  "finance",
  "region",
  "regionalManager",
  "departmentHead",
  "warehouse",
  "customerService",
  "sales",
  "salesAdmin",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Readonly<Record<Role, Names>> = {
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
};

/**
 * Other words the documents use for a role: the director also acts for marketing HQ
 * (营销总部), the president as the company leader (公司领导) of the expense claim (004).
 */
const ROLE_ALIASES: Readonly<Partial<Record<Role, readonly string[]>>> = {
  marketingManager: ["marketing dept manager"],
  director: ["marketing HQ", "marketing headquarters", "营销总部", "总监"],
  president: ["company leader", "公司领导"],
  finance: ["财务部"],
  region: ["regional team", "区域人员"],
  departmentHead: ["dept head"],
  warehouse: ["仓库"],
  customerService: ["客服部"],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A role from its code, English or Chinese name, or another word the documents use for it. */
export const parseRole: (text: string) => Role | undefined = nameReader(ROLES, ROLE_NAMES, ROLE_ALIASES);

/** Someone acting on an item: the name they gave and the role they act in. */
export interface Actor {
  readonly name: string;
  readonly role: Role;
}
