// A webpack loader for ExcelJS's browser build (preview page only). Its bundled polyfills
// keep fallbacks that evaluate strings (`Function("return this")()` when no global object is
// found, regenerator's `Function("r", …)`, setImmediate's `new Function(code)`); none runs in a
// browser, but the CSP forbids eval and test/bundle rejects any bundle that contains it. They
// are replaced by equivalents that do not evaluate strings; the build fails if any is left.
const REPLACEMENTS = [
  [/Function\("return this"\)\(\)/g, "globalThis"],
  [/Function\("r","regeneratorRuntime = r"\)\((\w+)\)/g, "(globalThis.regeneratorRuntime=$1)"],
  [/new Function\(""\+(\w+)\)/g, '(function(){throw new TypeError("setImmediate needs a function")})()'],
];
const EVAL = /\beval\(|new Function\(|\bFunction\(\s*["'`]/;

module.exports = function noEvalLoader(source) {
  let code = source;
  for (const [pattern, replacement] of REPLACEMENTS) code = code.replace(pattern, replacement);
  const left = EVAL.exec(code);
  if (left) {
    throw new Error(`${this.resourcePath}: code that evaluates strings is left at ${left.index}: ${code.slice(left.index - 60, left.index + 60)}`);
  }
  return code;
};
