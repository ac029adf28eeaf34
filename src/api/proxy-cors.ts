/**
 * The proxy's cross-origin rules: CORS headers, preflights, and the refusal of cross-site browser
 * requests that CORS does not allow.
 * @packageDocumentation
 */
import { ProxyRefusal } from './proxy-http.js';

/** Cross-origin access. Without it, cross-site browser requests are refused. */
export interface AgentProxyCors {
  /**
   * Allowed origins (`"https://app.example.com"`), or a predicate. `"*"` allows any origin, and only
   * without `credentials`: that combination is refused when the proxy is created.
   */
  origin: string | readonly string[] | ((origin: string) => boolean);
  /**
   * Let browsers send cookies (`Access-Control-Allow-Credentials`). Needs explicit origins or a
   * predicate: with it, any page a visitor opens could call the proxy as that visitor, so `"*"` is refused.
   */
  credentials?: boolean;
  /** Request headers a browser may send besides `content-type`, e.g. `["authorization"]`. */
  allowHeaders?: readonly string[];
  /** How long a browser may cache a preflight, in seconds. Default 600. */
  maxAgeSeconds?: number;
}

/**
 * Throws for a CORS configuration that can never be right: `origin: '*'` with `credentials: true`
 * (a wildcard that would echo every origin with credentials allowed, letting any site act as the visitor).
 */
export function checkCors(cors: AgentProxyCors | undefined, factory: string): void {
  if (cors === undefined) return;
  const wildcard = cors.origin === '*' || (Array.isArray(cors.origin) && cors.origin.includes('*'));
  if (wildcard && cors.credentials === true) {
    throw new TypeError(
      `${factory}: cors origin '*' cannot be combined with credentials: true (any site could then call the ` +
        "proxy with the visitor's cookies). List the allowed origins, or pass a predicate.",
    );
  }
}

function originAllowed(origin: string, cors: AgentProxyCors): boolean {
  const rule = cors.origin;
  if (typeof rule === 'function') return rule(origin);
  if (rule === '*') return true;
  return typeof rule === 'string' ? rule === origin : rule.includes(origin);
}

/** CORS response headers for an allowed origin; `{}` otherwise. */
export function corsHeaders(request: Request, cors: AgentProxyCors | undefined): Record<string, string> {
  const origin = request.headers.get('origin');
  if (cors === undefined || origin === null || !originAllowed(origin, cors)) return {};
  const headers: Record<string, string> = { vary: 'Origin' };
  if (cors.origin === '*') headers['access-control-allow-origin'] = '*';
  else headers['access-control-allow-origin'] = origin;
  if (cors.credentials === true) headers['access-control-allow-credentials'] = 'true';
  return headers;
}

/** The answer to an `OPTIONS` preflight (204 with the CORS headers), or a refusal. */
export function preflight(request: Request, cors: AgentProxyCors, headers: Record<string, string>): Response {
  if (headers['access-control-allow-origin'] === undefined) {
    throw new ProxyRefusal(403, 'origin_not_allowed', 'This origin may not call the proxy.');
  }
  const requested = request.headers.get('access-control-request-method');
  if (requested !== null && requested.toUpperCase() !== 'POST') {
    throw new ProxyRefusal(405, 'method_not_allowed', 'Use POST.', { allow: 'POST, OPTIONS' });
  }
  return new Response(null, {
    status: 204,
    headers: {
      ...headers,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': ['content-type', ...(cors.allowHeaders ?? [])].join(', '),
      'access-control-max-age': String(cors.maxAgeSeconds ?? 600),
    },
  });
}

/**
 * Refuse browser requests from another site unless CORS allows their origin. A multipart POST needs
 * no preflight, so without this any page could make a visitor's browser send (with its cookies).
 * `Sec-Fetch-Site` is set by browsers and cannot be forged by pages; `Origin` covers older ones.
 */
export function refuseCrossSite(request: Request, cors: Record<string, string>): void {
  if (cors['access-control-allow-origin'] !== undefined) return;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const crossSite =
    site === 'cross-site' || site === 'same-site' || (site === null && origin !== null && !sameOrigin(origin, request));
  if (crossSite) throw new ProxyRefusal(403, 'origin_not_allowed', 'Cross-site requests are not allowed.');
}

function sameOrigin(origin: string, request: Request): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  // Hosts only, not schemes: behind a TLS-terminating proxy the request URL says http while the page
  // says https; the forwarded host covers proxies that rewrite Host.
  const candidates = [new URL(request.url).host, request.headers.get('host'), request.headers.get('x-forwarded-host')];
  return candidates.includes(host);
}
