import { ITEM_TYPES, type ItemType } from "../../../rules";
import { itemId, requiredColumns, type WorkItem } from "../../../services";
import { isBlankCell, type CellValue } from "../../../workbook";

/** What the Approvals page shows of an item: which rows, and which of their cells. */

export interface ItemFilter {
  readonly type: ItemType | "";
  readonly region: string;
  readonly status: string;
  readonly search: string;
}

export const NO_FILTER: ItemFilter = { type: "", region: "", status: "", search: "" };

/** One key per row, the same in every list the item appears in. */
export const itemKey = (item: WorkItem): string => `${item.row.sheet}!${item.row.row}`;

export function itemTitle(item: WorkItem): string {
  return item.record?.title ?? "";
}

/** The search matches the ID or the title, ignoring case; unreadable rows match only the search. */
export function matchesFilter(item: WorkItem, filter: ItemFilter): boolean {
  const search = filter.search.trim().toLowerCase();
  if (search !== "" && !`${itemId(item)}\n${itemTitle(item)}`.toLowerCase().includes(search)) return false;
  const record = item.record;
  if (!record) return filter.type === "" && filter.region === "" && filter.status === "";
  return (filter.type === "" || record.type === filter.type) && (filter.region === "" || record.region.trim() === filter.region) && (filter.status === "" || record.status === filter.status);
}

/** The types, regions and statuses the items have, for the filter's choices (types in the documents' order). */
export function filterChoices(items: readonly WorkItem[]): { types: ItemType[]; regions: string[]; statuses: string[] } {
  const records = items.flatMap((item) => (item.record ? [item.record] : []));
  const types = new Set(records.map((r) => r.type));
  const regions = new Set(records.map((r) => r.region.trim()).filter((r) => r !== ""));
  const statuses = new Set<string>(records.map((r) => r.status));
  return { types: ITEM_TYPES.filter((t) => types.has(t)), regions: [...regions].sort(), statuses: [...statuses] };
}

/** A cell the details show: every filled-in column, and the type's required columns even when blank. */
export interface ShownField {
  readonly column: string;
  readonly value: CellValue | undefined;
}

export function shownFields(item: WorkItem): ShownField[] {
  const required = new Set(item.record ? requiredColumns(item.record.type) : []);
  return Object.entries(item.row.values)
    .filter(([column, value]) => required.has(column) || !isBlankCell(value))
    .map(([column, value]) => ({ column, value }));
}
