// Post-processing of the functions.json that custom-functions-metadata generates from JSDoc:
// the flag it does not emit, and the zh-CN metadata built from it plus a translation file.

/**
 * With allowErrorForDataTypeAny, Excel hands an error cell to an `any` parameter as a
 * CustomFunctions.Error object instead of failing the whole call before it starts, so one bad
 * cell in a range spoils only its own element of the result.
 */
function withErrorsForAny(metadata) {
  const { functions, ...flags } = metadata;
  return { ...flags, allowErrorForDataTypeAny: true, functions };
}

// Excel's rule for function names: start with a letter, at least three characters, then
// letters, digits, underscores and periods (any script, so CJK names are fine).
const FUNCTION_NAME = /^\p{L}[\p{L}\p{N}_.]{2,}$/u;
// Argument names appear in the formula tooltip, separated by commas: no spaces or punctuation.
const PARAMETER_NAME = /^\p{L}[\p{L}\p{N}_.]*$/u;

function checkText(value, where, problems) {
  if (typeof value !== "string" || value.trim() === "") problems.push(`${where}: missing or empty`);
}

function unexpectedKeys(entry, allowed, where, problems) {
  for (const key of Object.keys(entry)) {
    if (!allowed.includes(key)) problems.push(`${where}: unknown key "${key}" (allowed: ${allowed.join(", ")})`);
  }
}

function localizeParameter(parameter, entry, where, problems) {
  if (!entry) {
    problems.push(`${where}: no translation for this parameter`);
    return parameter;
  }
  unexpectedKeys(entry, ["name", "description"], where, problems);
  checkText(entry.description, `${where}.description`, problems);
  if (typeof entry.name !== "string" || !PARAMETER_NAME.test(entry.name)) {
    problems.push(`${where}.name: "${entry.name}" is not a valid argument name (a letter, then letters, digits, _ or .)`);
  }
  return { ...parameter, name: entry.name, description: entry.description };
}

function localizeFunction(fn, entry, problems) {
  if (!entry) {
    problems.push(`${fn.id}: no translation for this function`);
    return fn;
  }
  unexpectedKeys(entry, ["name", "description", "parameters"], fn.id, problems);
  checkText(entry.description, `${fn.id}.description`, problems);
  if (typeof entry.name !== "string" || !FUNCTION_NAME.test(entry.name)) {
    problems.push(`${fn.id}.name: "${entry.name}" is not a valid Excel function name (a letter, then at least two more letters, digits, _ or .)`);
  }
  const parameterEntries = entry.parameters ?? {};
  const declared = new Set((fn.parameters ?? []).map((p) => p.name));
  for (const name of Object.keys(parameterEntries)) {
    if (!declared.has(name)) problems.push(`${fn.id}.parameters.${name}: translated, but ${fn.id} has no such parameter`);
  }
  const parameters = (fn.parameters ?? []).map((p) =>
    localizeParameter(p, parameterEntries[p.name], `${fn.id}.parameters.${p.name}`, problems),
  );
  const localizedNames = parameters.map((p) => p.name);
  if (new Set(localizedNames).size !== localizedNames.length) problems.push(`${fn.id}: two parameters share a localized name`);
  return { ...fn, name: entry.name, description: entry.description, parameters };
}

/**
 * The metadata for one language: the same functions, ids, types and options, with the
 * translated function names, descriptions and argument names/descriptions. Throws, listing
 * every problem, when a function or parameter has no translation or a translation names
 * something that does not exist: Excel would otherwise show English help in a Chinese Excel.
 */
function localizeMetadata(metadata, translations, locale) {
  const problems = [];
  unexpectedKeys(translations, ["$comment", "functions"], locale, problems);
  const entries = translations.functions ?? {};
  const ids = new Set(metadata.functions.map((fn) => fn.id));
  for (const id of Object.keys(entries)) {
    if (!ids.has(id)) problems.push(`${id}: translated, but functions.json has no such function`);
  }
  const functions = metadata.functions.map((fn) => localizeFunction(fn, entries[fn.id], problems));
  const names = functions.map((fn) => fn.name.toUpperCase());
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) problems.push(`${functions[i].id}.name: "${functions[i].name}" is used by two functions`);
  });
  if (problems.length > 0) {
    throw new Error(`The ${locale} function translations do not match functions.json:\n  - ${problems.join("\n  - ")}`);
  }
  return { ...metadata, functions };
}

module.exports = { withErrorsForAny, localizeMetadata };
