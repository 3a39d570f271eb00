import { Field, makeStyles, SearchBox, tokens } from "@fluentui/react-components";
import { ChoiceFilter } from "../../components/ChoiceFilter";
import type { ItemType } from "../../../rules";
import { statusName, type Pane } from "../../pane";
import type { ItemFilter } from "./item-view";

const useStyles = makeStyles({
  // One column at 320 px, side by side when there is room.
  filters: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(9rem, 1fr))", gap: tokens.spacingHorizontalS, minWidth: 0 },
});

export interface ItemFiltersProps {
  readonly pane: Pane;
  readonly filter: ItemFilter;
  readonly choices: { readonly types: readonly ItemType[]; readonly regions: readonly string[]; readonly statuses: readonly string[] };
  readonly onChange: (filter: ItemFilter) => void;
}

/** Type, region and status, and a search by ID or title. */
export function ItemFilters({ pane, filter, choices, onChange }: ItemFiltersProps) {
  const styles = useStyles();
  const { t, lang } = pane;
  const anyText = t("approvals.any");
  return (
    <div className={styles.filters} role="search" aria-label={t("approvals.filters")}>
      <Field label={t("approvals.search")}>
        <SearchBox value={filter.search} onChange={(_, d) => onChange({ ...filter, search: d.value })} />
      </Field>
      <ChoiceFilter
        label={t("approvals.type")}
        value={filter.type}
        anyText={anyText}
        choices={choices.types.map((type) => ({ value: type, text: t(`planType.${type}`) }))}
        onChange={(type) => onChange({ ...filter, type: type as ItemType | "" })}
      />
      <ChoiceFilter label={t("approvals.region")} value={filter.region} anyText={anyText} choices={choices.regions.map((r) => ({ value: r, text: r }))} onChange={(region) => onChange({ ...filter, region })} />
      <ChoiceFilter
        label={t("approvals.status")}
        value={filter.status}
        anyText={anyText}
        choices={choices.statuses.map((s) => ({ value: s, text: statusName(s, lang) }))}
        onChange={(status) => onChange({ ...filter, status })}
      />
    </div>
  );
}
