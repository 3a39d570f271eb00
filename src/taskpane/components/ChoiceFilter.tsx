import { Dropdown, Field, makeStyles, Option } from "@fluentui/react-components";

const useStyles = makeStyles({
  dropdown: { minWidth: 0, width: "100%" },
});

export interface Choice {
  readonly value: string;
  readonly text: string;
}

/** A filter of one column: "any" (the empty value) or one of `choices`. */
export function ChoiceFilter({ label, value, choices, anyText, onChange }: { label: string; value: string; choices: readonly Choice[]; anyText: string; onChange: (value: string) => void }) {
  const styles = useStyles();
  const selected = choices.find((c) => c.value === value);
  return (
    <Field label={label}>
      <Dropdown className={styles.dropdown} value={selected?.text ?? anyText} selectedOptions={[value]} onOptionSelect={(_, d) => onChange(d.optionValue ?? "")}>
        <Option value="">{anyText}</Option>
        {choices.map((c) => (
          <Option key={c.value} value={c.value}>
            {c.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

