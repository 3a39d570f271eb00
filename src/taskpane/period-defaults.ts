import { useEffect, useRef, useState } from "react";
import { defaultYear, isRuleError, parseYear, yearToDateMonth } from "../rules";
import type { TableOptions } from "../services";
import type { WorkbookTables } from "../workbook";
import { usePane } from "./pane";

/** A service that lists the dates a table has data for (src/services/periods.ts). */
export type DatesReader = (tables: WorkbookTables, options: TableOptions) => Promise<Date[]>;

/**
 * The dates a page's period defaults come from (src/rules/periods.ts), read once the page opens:
 * undefined until then, none when they cannot be read (the page's own action then says why).
 * `onRead` receives them once, with today's date, to fill the page's period fields; it should
 * leave a field the user has typed in meanwhile as it is.
 */
export function useWorkbookDates(read: DatesReader, onRead: (dates: readonly Date[], today: Date) => void): readonly Date[] | undefined {
  const { session, tableOptions } = usePane();
  const [dates, setDates] = useState<readonly Date[] | undefined>();
  const fill = useRef(onRead);
  useEffect(() => {
    fill.current = onRead;
  });
  useEffect(() => {
    let open = true;
    const done = (found: readonly Date[]) => {
      if (!open) return;
      setDates(found);
      fill.current(found, new Date());
    };
    session.run((tables) => read(tables, tableOptions)).then(done, () => done([]));
    return () => {
      open = false;
    };
  }, [session, tableOptions, read]);
  return dates;
}

/** That year's latest month with data, as text; undefined while the Year field holds no valid year. */
function latestMonthText(dates: readonly Date[], yearText: string): string | undefined {
  const year = parseYear(yearText, "", new Date());
  return isRuleError(year) ? undefined : String(yearToDateMonth(dates, year));
}

/**
 * A page's Year and Month fields (Rebates, Budget), as text: they start on the latest year with
 * data and that year's latest month (src/rules/periods.ts). Until the user types in Month, it
 * follows Year: the chosen year's latest month with data, which is what the command line takes
 * when --month is left out, so the page's year to date and the command's agree.
 */
export function useYearAndMonth(read: DatesReader) {
  const [year, setYearText] = useState("");
  const [month, setMonthText] = useState("");
  const [monthTyped, setMonthTyped] = useState(false);
  const dates = useWorkbookDates(read, (found, today) => {
    const chosen = year || String(defaultYear(found, today));
    setYearText(chosen);
    if (!monthTyped) setMonthText(latestMonthText(found, chosen) ?? "");
  });
  const setYear = (text: string) => {
    setYearText(text);
    const latest = dates && !monthTyped ? latestMonthText(dates, text) : undefined;
    if (latest) setMonthText(latest);
  };
  const setMonth = (text: string) => {
    setMonthText(text);
    setMonthTyped(true);
  };
  return { year, setYear, month, setMonth, dates };
}
