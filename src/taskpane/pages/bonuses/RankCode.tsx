import { makeStyles, tokens, Tooltip } from "@fluentui/react-components";
import { RANK_NAMES } from "../../../rules";
import { usePane } from "../../pane";
import { rankNames } from "../../print";

const useStyles = makeStyles({
  code: {
    textDecorationLine: "underline",
    textDecorationStyle: "dotted",
    textUnderlineOffset: "2px",
    cursor: "help",
    whiteSpace: "nowrap",
    borderRadius: tokens.borderRadiusSmall,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
});

/**
 * A rank code (SM, SSE …) that says what it means on hover and on keyboard focus: a tooltip
 * that describes it (aria-describedby), so a screen reader reads "SM, Sales manager · 销售经理".
 */
export function RankCode({ code }: { readonly code: string }) {
  const styles = useStyles();
  const { t, lang } = usePane();
  if (!RANK_NAMES[code]) return <span>{code}</span>;
  return (
    <Tooltip content={t("bonuses.rankHint", { code, names: rankNames(code, lang) })} relationship="description" withArrow>
      <abbr className={styles.code} tabIndex={0} data-rank={code}>
        {code}
      </abbr>
    </Tooltip>
  );
}
