/**
 * Reading the names people type for codes (roles, item types, statuses): the code itself,
 * its English or Chinese name, or an alias, ignoring case, spaces and full-width forms.
 */
export interface Names {
  readonly en: string;
  readonly zh: string;
}

/** "  Promotion  Plan " → "promotionplan"; full-width letters and spaces count as their ASCII forms. */
export function nameKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

/**
 * A reader of `codes` by their names. A blank name, two codes claiming one name, or an
 * alias the code's own names already cover is a mistake in the data, found when the
 * module loads rather than by a wrong answer later.
 */
export function nameReader<C extends string>(
  codes: readonly C[],
  names: Readonly<Record<C, Names>>,
  aliases?: Readonly<Partial<Record<C, readonly string[]>>>,
): (text: string) => C | undefined {
  const index = new Map<string, C>();
  const claim = (code: C, name: string, isAlias: boolean) => {
    const key = nameKey(name);
    if (key === "") throw new Error(`${code} has a blank name.`);
    const claimed = index.get(key);
    if (claimed !== undefined && claimed !== code) throw new Error(`The name “${name}” is given to both ${claimed} and ${code}.`);
    if (claimed !== undefined && isAlias) throw new Error(`The alias “${name}” of ${code} reads as one of its names already.`);
    index.set(key, code);
  };
  for (const code of codes) {
    for (const name of [code, names[code].en, names[code].zh]) claim(code, name, false);
    for (const alias of aliases?.[code] ?? []) claim(code, alias, true);
  }
  return (text) => index.get(nameKey(text));
}

/** The names of every code in one language, as the pane's texts want them. */
export function namesIn<C extends string>(names: Readonly<Record<C, Names>>, lang: keyof Names): Record<C, string> {
  return Object.fromEntries(Object.entries<Names>(names).map(([code, name]) => [code, name[lang]])) as Record<C, string>;
}
