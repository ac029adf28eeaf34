/**
 * Wiro request signing with Web Crypto (browsers, Node 20+, edge runtimes), no Node imports.
 * @packageDocumentation
 */

/** The authentication headers of one Wiro request. */
export interface WiroAuthHeaders {
  'x-api-key': string;
  /** Present with signature authentication only. */
  'x-nonce'?: string;
  /** Present with signature authentication only. */
  'x-signature'?: string;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/** Lower-case hex HMAC-SHA256 of `message` keyed by `key` (both UTF-8). */
export async function hmacSha256Hex(key: string, message: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    // Web Crypto is missing only on insecure origins (plain http, non-localhost) and very old runtimes.
    throw new Error('Web Crypto (crypto.subtle) is not available: signature authentication needs a secure context.');
  }
  const cryptoKey = await subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await subtle.sign('HMAC', cryptoKey, encoder.encode(message)));
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

let lastNonce = 0;

/**
 * A fresh nonce: the current time in milliseconds, strictly increasing within this process.
 *
 * Milliseconds match the docs' Node example; forcing it to grow keeps two requests in the same
 * millisecond from sharing a nonce, which a replay check would reject.
 */
export function createNonce(): string {
  lastNonce = Math.max(Date.now(), lastNonce + 1);
  return String(lastNonce);
}

/**
 * The headers authenticating one request: `x-api-key` alone, or with `apiSecret` also `x-nonce` and
 * `x-signature` = hex HMAC-SHA256(key = apiKey, message = apiSecret + nonce).
 *
 * Call it once per request: a signature is bound to its nonce.
 *
 * @param nonce - defaults to {@link createNonce}; pass one only to reproduce a signature.
 */
export async function signWiroRequest(apiKey: string, apiSecret?: string, nonce?: string): Promise<WiroAuthHeaders> {
  if (apiSecret === undefined || apiSecret === '') return { 'x-api-key': apiKey };
  const usedNonce = nonce ?? createNonce();
  return {
    'x-api-key': apiKey,
    'x-nonce': usedNonce,
    'x-signature': await hmacSha256Hex(apiKey, apiSecret + usedNonce),
  };
}
