/**
 * Numbers typed as text in the forms the company's sheets use: "15,000", "15000元",
 * " 15000 ", "20%", "１５０００" (full-width), "¥15,000".
 */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const CURRENCY_PREFIX = /^[¥￥]/;
const CURRENCY_SUFFIX = /(元|rmb|cny)$/i;

/** Returns the number a text stands for, or undefined when it is not one of the accepted forms. */
export function parseBusinessNumber(text: string): number | undefined {
  let body = text.normalize("NFKC").trim().replace(CURRENCY_PREFIX, "").replace(CURRENCY_SUFFIX, "").trim();
  let scale = 1;
  if (body.endsWith("%")) {
    body = body.slice(0, -1).trim();
    scale = 0.01;
  }
  if (GROUPED_NUMBER.test(body)) body = body.replace(/,/g, "");
  if (!PLAIN_NUMBER.test(body)) return undefined;
  const value = Number(body) * scale;
  return Number.isFinite(value) ? fixPercentNoise(value, scale) : undefined;
}

/** "7%" should be 0.07, not 0.07000000000000001. */
function fixPercentNoise(value: number, scale: number): number {
  return scale === 1 ? value : Number(value.toPrecision(15));
}

export function isBlankText(text: string): boolean {
  return text.trim() === "";
}
