import { WorkbookError } from "./errors";
import type { TableKind } from "./schema";
import type { TableNames, TableRef, WorkbookTables } from "./types";

/** The `kind` table under the name chosen in Settings, if any; else as findTable finds it. */
export function findNamedTable(tables: WorkbookTables, kind: TableKind, tableNames?: TableNames): Promise<TableRef | undefined> {
  const name = tableNames?.[kind];
  return tables.findTable(kind, name ? { name } : undefined);
}

/** Like findNamedTable, but a missing table is a WorkbookError naming the table looked for. */
export async function requireTable(tables: WorkbookTables, kind: TableKind, tableNames?: TableNames): Promise<TableRef> {
  const ref = await findNamedTable(tables, kind, tableNames);
  const name = tableNames?.[kind];
  if (!ref) throw new WorkbookError("tableNotFound", name ? { table: kind, tableName: name } : { table: kind });
  return ref;
}
