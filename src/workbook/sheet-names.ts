/**
 * Names the add-in gives to sheets and tables it creates for one subject (one rep's statement
 * for one month), kept within Excel's rules whatever the subject's text holds.
 */

/** Excel refuses longer sheet names. */
export const MAX_SHEET_NAME = 31;

/** Characters a sheet name may not hold (Excel: : \ / ? * [ ]), and control characters. */
const NOT_IN_SHEET_NAMES = /[:\\/?*[\]\p{Cc}]/gu;

/** At most `room` UTF-16 units of `text`, never half of a surrogate pair. */
function cut(text: string, room: number): string {
  if (text.length <= room) return text;
  const end = /[\uD800-\uDBFF]/.test(text[room - 1] ?? "") ? room - 1 : room;
  return text.slice(0, Math.max(end, 0));
}

/** Without leading or trailing apostrophes (Excel refuses them) and surrounding spaces. */
const unquoted = (text: string) => text.replace(/^[\s']+|[\s']+$/gu, "");

/**
 * Sheet names for `subject` followed by `suffix` ("张三" and " 2025-11"), best first: the name
 * itself, then " (2)" … " (9)" added for when a sheet already has one. Every one is a valid
 * sheet name: no : \ / ? * [ ] (each becomes "_"), no apostrophe first or last, at most 31
 * characters; the subject is shortened so that the suffix stays whole.
 */
export function sheetNameChoices(subject: string, suffix: string, count = 9): string[] {
  const clean = subject.replace(NOT_IN_SHEET_NAMES, "_").replace(/^[\s']+/u, "");
  const tail = suffix.replace(NOT_IN_SHEET_NAMES, "_");
  return Array.from({ length: count }, (_, i) => {
    const extra = i === 0 ? "" : ` (${i + 1})`;
    const part = cut(clean, MAX_SHEET_NAME - tail.length - extra.length).trimEnd() || "_";
    return unquoted(`${part}${tail}${extra}`) || "_";
  });
}

/** FNV-1a over the UTF-16 units: 8 hex digits that tell two subjects apart. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * A valid Excel table name for `subject`, the same on every run: `prefix` (a letter first),
 * the subject's letters and digits (others become "_"), and a hash of the exact subject, so
 * that two subjects written alike ("A/B", "A:B"; Excel ignores case in names) never share one.
 */
export function tableNameFor(prefix: string, subject: string): string {
  const readable = cut(subject.replace(/[^\p{L}\p{N}_.]/gu, "_").replace(/_+/g, "_"), 40).replace(/^_|_$/g, "");
  return [prefix, readable, shortHash(subject)].filter((part) => part !== "").join("_");
}
