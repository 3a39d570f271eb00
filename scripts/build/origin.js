// The manifest and the task pane name the development server's origin; a production build
// swaps it for the origin the add-in is hosted on (ADDIN_ORIGIN).
const { URL } = require("node:url");

const DEV_ORIGIN = "https://localhost:3000";

/**
 * Checks ADDIN_ORIGIN: an https URL with a host, optionally a path prefix (for hosting under a
 * folder), no query, fragment or credentials. Office refuses add-ins served over plain http.
 * Returns it without a trailing slash, ready to stand where DEV_ORIGIN stood.
 */
function parseAddinOrigin(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    throw new Error(`ADDIN_ORIGIN must be an https URL such as https://rulebook.example.com, not "${value}".`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_ORIGIN must use https (Office only loads add-ins over https), not "${value}".`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(`ADDIN_ORIGIN must be an origin with an optional path, without credentials, query or fragment: "${value}".`);
  }
  return (url.origin + url.pathname).replace(/\/+$/, "");
}

/** Replaces every occurrence of the development origin with `origin` (already parsed). */
function withOrigin(text, origin) {
  return text.split(DEV_ORIGIN).join(origin);
}

module.exports = { DEV_ORIGIN, parseAddinOrigin, withOrigin };
