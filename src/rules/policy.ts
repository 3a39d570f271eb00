import { DEFAULT_BONUS_POLICY, type BonusPolicy } from "./bonus";
import { DEFAULT_BUDGET_POLICY, type BudgetPolicy } from "./budget";
import { DEFAULT_SCHEDULE_POLICY, type SchedulePolicy } from "./dates";
import { DEFAULT_RANK_LADDER, type RankLadder } from "./ranks";
import { DEFAULT_REBATE_MODE, type RebateMode } from "./rebate";

/** Every number of the marketing management policy (营销管理制度), each with the SPEC's default. */
export interface Policy {
  readonly ranks: RankLadder;
  readonly bonus: BonusPolicy;
  readonly rebateMode: RebateMode;
  readonly budget: BudgetPolicy;
  readonly schedule: SchedulePolicy;
}

export const DEFAULT_POLICY: Policy = {
  ranks: DEFAULT_RANK_LADDER,
  bonus: DEFAULT_BONUS_POLICY,
  rebateMode: DEFAULT_REBATE_MODE,
  budget: DEFAULT_BUDGET_POLICY,
  schedule: DEFAULT_SCHEDULE_POLICY,
};
