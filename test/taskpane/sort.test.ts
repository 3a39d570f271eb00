import { nextSort, sortRows } from "../../src/taskpane/components/sort";

const rows = [
  { name: "b10", amount: 30 },
  { name: "B2", amount: undefined },
  { name: "a", amount: 100 },
  { name: "c", amount: 30 },
  { name: "", amount: -5 },
];

test("numbers by value, both ways, blanks last either way, equal keys in their first order", () => {
  expect(sortRows(rows, (r) => r.amount, "ascending", "en-US").map((r) => r.name)).toEqual(["", "b10", "c", "a", "B2"]);
  expect(sortRows(rows, (r) => r.amount, "descending", "en-US").map((r) => r.name)).toEqual(["a", "b10", "c", "", "B2"]);
});

test("text in the user's language: case ignored, digits by value, blank last", () => {
  expect(sortRows(rows, (r) => r.name, "ascending", "en-US").map((r) => r.name)).toEqual(["a", "B2", "b10", "c", ""]);
  expect(sortRows(rows, (r) => r.name, "descending", "en-US").map((r) => r.name)).toEqual(["c", "b10", "B2", "a", ""]);
  // Chinese by pinyin: 北 (bei) before 华 (hua) before 西 (xi).
  const places = ["西部", "华东", "北方"].map((name) => ({ name }));
  expect(sortRows(places, (r) => r.name, "ascending", "zh-CN").map((r) => r.name)).toEqual(["北方", "华东", "西部"]);
});

test("the input is left as it was", () => {
  const copy = [...rows];
  sortRows(rows, (r) => r.amount, "descending", "en-US");
  expect(rows).toEqual(copy);
});

test("a header click sorts its column ascending, then flips it", () => {
  expect(nextSort(undefined, "rebate")).toEqual({ column: "rebate", direction: "ascending" });
  expect(nextSort({ column: "rebate", direction: "ascending" }, "rebate")).toEqual({ column: "rebate", direction: "descending" });
  expect(nextSort({ column: "rebate", direction: "descending" }, "rebate")).toEqual({ column: "rebate", direction: "ascending" });
  expect(nextSort({ column: "rebate", direction: "descending" }, "dealer")).toEqual({ column: "dealer", direction: "ascending" });
});
