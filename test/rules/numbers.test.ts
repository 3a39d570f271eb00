import fc from "fast-check";
import { parseBusinessNumber, roundMoney, sumMoney } from "../../src/rules";

describe("parseBusinessNumber — SPEC's accepted text forms", () => {
  it.each([
    ["15,000", 15000], ["15000元", 15000], [" 15000 ", 15000], ["20%", 0.2], ["１５０００", 15000], ["1,234,567.89", 1234567.89],
    ["¥15,000", 15000], ["-250", -250], ["7%", 0.07], ["0.5", 0.5], ["1e3", 1000], ["１５，０００元", 15000],
  ])("%s → %d", (text, value) => expect(parseBusinessNumber(text)).toBe(value));

  it.each(["abc", "1,5", "15 000", "12,34", "1.2.3", "%", "元", "--5", "15000美元", "0x10", "Infinity"])("rejects %s", (text) => {
    expect(parseBusinessNumber(text)).toBeUndefined();
  });
});

describe("roundMoney — 0.01, half away from zero (四舍五入)", () => {
  it.each([
    [1.005, 1.01], [1.004, 1], [-1.005, -1.01], [2.675, 2.68], [3076.923076923077, 3076.92], [4615.384615384615, 4615.38],
    [0.125, 0.13], [-0.125, -0.13], [0, 0], [1234567.895, 1234567.9],
  ])("%d → %d", (amount, rounded) => expect(roundMoney(amount)).toBe(rounded));
  it("sumMoney adds rounded amounts exactly", () => expect(sumMoney(0.1, 0.2, 3076.92)).toBe(3077.22));
});

describe("roundMoney — property", () => {
  it("every exact half cent rounds away from zero, every other amount to the nearest cent", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (thousandths) => {
        const amount = thousandths / 1000;
        const wholeCents = Math.trunc(Math.abs(thousandths) / 10);
        const rest = Math.abs(thousandths) % 10;
        const expectedCents = rest >= 5 ? wholeCents + 1 : wholeCents;
        return roundMoney(amount) === (Math.sign(thousandths) * expectedCents) / 100 || (expectedCents === 0 && roundMoney(amount) === 0);
      }),
    );
  });
});
