import { Body1, makeStyles, tokens } from "@fluentui/react-components";
import { RANK_CODES, RANK_NAMES } from "../../../rules";
import { usePane } from "../../pane";

const useStyles = makeStyles({
  // keep-all: a Chinese name (资深销售主任) moves to the next line whole rather than breaking inside.
  list: { margin: 0, paddingLeft: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, wordBreak: "keep-all" },
  // The code in a column of its own, the names wrapping beside it.
  item: { display: "grid", gridTemplateColumns: "3em 1fr" },
  code: { fontWeight: tokens.fontWeightSemibold },
  heading: { display: "block", margin: 0, fontWeight: tokens.fontWeightSemibold },
  intro: { display: "block", margin: `${tokens.spacingVerticalXS} 0` },
});

/** "What the ranks mean": every code of the ladder with its English and Chinese name (RANK_NAMES). */
export function RankHelp() {
  const styles = useStyles();
  const { t } = usePane();
  return (
    <section aria-labelledby="rank-help-title" data-testid="rank-help">
      <Body1 as="h2" id="rank-help-title" className={styles.heading}>
        {t("bonuses.ranksHelp")}
      </Body1>
      <Body1 as="p" className={styles.intro}>
        {t("bonuses.ranksHelpIntro")}
      </Body1>
      <ul className={styles.list}>
        {RANK_CODES.map((code) => (
          <li key={code} className={styles.item}>
            <span className={styles.code}>{code}</span>{" "}
            <span>
              <span lang="en">{RANK_NAMES[code].en}</span>
              {RANK_NAMES[code].zh !== code && (
                <>
                  {" · "}
                  <span lang="zh-CN">{RANK_NAMES[code].zh}</span>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
