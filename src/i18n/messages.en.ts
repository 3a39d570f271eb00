/** English texts. Keys are shared with messages.zh.ts; the compiler checks both have every key. */
export const en = {
  rule: {
    notANumber: "{{arg}}: “{{value}}” is not a number. Use a number such as 15000, 15,000, 15000元 or 20%.",
    notADate: "{{arg}}: “{{value}}” is not a date. Use a date cell or text such as 2026-03-15.",
    negativeAmount: "{{arg}}: {{value}} is negative; it must be 0 or more.",
    notWholeNumber: "{{arg}}: {{value}} must be a whole number.",
    unknownChoice: "{{arg}}: “{{value}}” is not one of {{choices}}.",
    unknownRank: "{{arg}}: “{{value}}” is not a rank code (PC, DS, SR, SE, SSE, SM, SSM, SD, SSD, TE).",
    salesBy20thExceedsMonthSales: "salesBy20th: sales by the 20th ({{salesBy20th}}) cannot exceed the month's sales ({{monthSales}}).",
    shapeMismatch: "The ranges have different shapes: {{shapes}}. Give ranges of the same size, or single values.",
    allNeedsSingleRow: "component “all” returns four columns, so it needs single values, not ranges.",
    tableEmpty: "{{arg}}: the table has no rows.",
    tableTooFewColumns: "{{arg}}: the table needs at least {{min}} columns.",
    tableCellInvalid: "{{arg}}: row {{row}}: “{{value}}” is not valid.",
    rankCodeDuplicate: "{{arg}}: rank code {{value}} appears twice (row {{row}}).",
    tiersNotAscending: "tiers: row {{row}}: threshold {{value}} is not above the one before; thresholds must ascend.",
    rateLooksLikePercent: "tiers: row {{row}}: rate {{value}} is above 1; it looks like a percentage written without % (write {{value}}% or a fraction).",
    rateNegative: "tiers: row {{row}}: rate {{value}} is negative.",
    budgetIsZero: "{{arg}} is 0, so there is no ratio.",
    toleranceOutOfRange: "{{arg}}: {{value}} must be between 0% and 100%.",
    statusFinal: "{{value}} is the last status; there is no next step.",
    roleNotAllowed: "Only the {{needed}} role may move this to {{value}}; you act as {{role}}.",
    repDuplicate: "Rep {{rep}} appears more than once in Reps.",
    sponsorUnknown: "{{rep}}'s sponsor {{sponsor}} is not in Reps.",
    sponsorCycle: "The sponsor chain goes round in a circle: {{reps}}.",
    repUnknown: "Sales of {{rep}}, who is not in Reps.",
    missingArgument: "{{arg}} is required.",
    unexpected: "Unexpected problem: {{detail}}",
  },
  choices: { separator: ", " },
};

export type Messages = typeof en;
