/** Money is kept to 0.01 (分). */
const CENTS_PER_UNIT = 100;
/** Binary floating point stores 1.005 as 1.00499…; 15 significant digits recover the decimal value. */
const DECIMAL_DIGITS = 15;

/** Only amounts this close to half a cent need the slower decimal correction. */
const NEAR_HALF_CENT = 1e-6;

/** Rounds to 0.01, half away from zero (四舍五入), as the policy requires for every money result. */
export function roundMoney(amount: number): number {
  if (amount === 0 || !Number.isFinite(amount)) return amount;
  let cents = Math.abs(amount) * CENTS_PER_UNIT;
  if (Math.abs(cents - Math.floor(cents) - 0.5) < NEAR_HALF_CENT) cents = Number(cents.toPrecision(DECIMAL_DIGITS));
  return (Math.sign(amount) * Math.round(cents)) / CENTS_PER_UNIT;
}

/** Sums amounts that are each already rounded, without re-introducing float noise. */
export function sumMoney(...amounts: number[]): number {
  let cents = 0;
  for (const amount of amounts) cents += Math.round(amount * CENTS_PER_UNIT);
  return cents / CENTS_PER_UNIT;
}
