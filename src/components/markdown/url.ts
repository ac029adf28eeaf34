/**
 * URL policy for rendered markdown: links and images may point to http(s), mailto, relative paths
 * and fragments; everything else (`javascript:`, `vbscript:`, `data:`, `file:`, custom schemes) is dropped.
 * @packageDocumentation
 */

const ALLOWED_SCHEMES = /* @__PURE__ */ new Set(['http', 'https', 'mailto']);
// Browsers drop ASCII tab and newlines anywhere in a URL and trim C0 controls and spaces around it,
// so `java\tscript:` is `javascript:`: look at the URL the way they will.
const STRIPPED = /[\t\n\r]/g;
// eslint-disable-next-line no-control-regex -- C0 controls are exactly what browsers trim
const EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/**
 * `url` when it is safe to put in `href`/`src`, else `null` (react-markdown then leaves the attribute out).
 * Usable as react-markdown's `urlTransform`.
 */
export function safeUrlTransform(url: string): string | null {
  const cleaned = url.replace(STRIPPED, '').replace(EDGES, '');
  const colon = cleaned.indexOf(':');
  if (colon === -1) return url;
  // A colon after the first `/`, `?` or `#` belongs to the path or query: the URL is relative.
  const firstDelimiter = cleaned.search(/[/?#]/);
  if (firstDelimiter !== -1 && firstDelimiter < colon) return url;
  const scheme = cleaned.slice(0, colon).toLowerCase();
  return ALLOWED_SCHEMES.has(scheme) ? url : null;
}
