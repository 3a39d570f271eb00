/**
 * The roles that act in the policy's approval chains (000, 001, 003). Identity inside a
 * workbook is declared, not proven: the role is what the user says they act as.
 */
export const ROLES = ["marketingAssistant", "marketingDept", "director", "president", "finance", "region"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Readonly<Record<Role, { readonly en: string; readonly zh: string }>> = {
  marketingAssistant: { en: "Marketing assistant", zh: "市场部助理" },
  marketingDept: { en: "Marketing department", zh: "市场部" },
  director: { en: "Marketing director", zh: "营销总监" },
  president: { en: "President", zh: "总裁" },
  finance: { en: "Finance", zh: "财务" },
  region: { en: "Regional team", zh: "区域" },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
