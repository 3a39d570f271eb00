import type { Messages } from "./messages.en";

/** 中文文本。 */
export const zh: Messages = {
  rule: {
    notANumber: "{{arg}}：“{{value}}”不是数字。请使用 15000、15,000、15000元 或 20% 这样的数字。",
    notADate: "{{arg}}：“{{value}}”不是日期。请使用日期单元格或 2026-03-15 这样的文本。",
    negativeAmount: "{{arg}}：{{value}} 为负数，应大于或等于 0。",
    notWholeNumber: "{{arg}}：{{value}} 应为整数。",
    unknownChoice: "{{arg}}：“{{value}}”不是以下之一：{{choices}}。",
    unknownRank: "{{arg}}：“{{value}}”不是职级代码（PC、DS、SR、SE、SSE、SM、SSM、SD、SSD、TE）。",
    salesBy20thExceedsMonthSales: "salesBy20th：20日前业绩（{{salesBy20th}}）不能超过月度业绩（{{monthSales}}）。",
    shapeMismatch: "各区域的形状不一致：{{shapes}}。请使用大小相同的区域或单个值。",
    allNeedsSingleRow: "component 为“all”时返回四列，只能用于单个值，不能用于区域。",
    tableEmpty: "{{arg}}：表中没有数据行。",
    tableTooFewColumns: "{{arg}}：表至少需要 {{min}} 列。",
    tableCellInvalid: "{{arg}}：第 {{row}} 行：“{{value}}”无效。",
    rankCodeDuplicate: "{{arg}}：职级代码 {{value}} 重复（第 {{row}} 行）。",
    tiersNotAscending: "tiers：第 {{row}} 行：门槛 {{value}} 不大于上一行；门槛必须递增。",
    rateLooksLikePercent: "tiers：第 {{row}} 行：返利率 {{value}} 大于 1，像是漏写了 %（请写成 {{value}}% 或小数）。",
    rateNegative: "tiers：第 {{row}} 行：返利率 {{value}} 为负数。",
    budgetIsZero: "{{arg}} 为 0，无法计算比率。",
    toleranceOutOfRange: "{{arg}}：{{value}} 应在 0% 到 100% 之间。",
    statusFinal: "{{value}} 已是最后状态，没有下一步。",
    roleNotAllowed: "只有 {{needed}} 角色可以改为 {{value}}；您当前的角色是 {{role}}。",
    repDuplicate: "业务员 {{rep}} 在业务员表中出现多次。",
    sponsorUnknown: "{{rep}} 的推荐人 {{sponsor}} 不在业务员表中。",
    sponsorCycle: "推荐关系形成循环：{{reps}}。",
    repUnknown: "{{rep}} 的销售记录，但此人不在业务员表中。",
    missingArgument: "缺少 {{arg}}。",
    unexpected: "意外错误：{{detail}}",
  },
  choices: { separator: "、" },
};
