/**
 * The proxy never lets a credential out in any form that decodes to it: JSON-escaped echoes (`\/` as
 * PHP writes it, `\u0077…`, `<`/`&`/`é` escaped), escaped twice, percent-encoded, in keys, in header
 * values, in log lines and in what `onError` receives; and scrubbing never corrupts the JSON.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { guardConsoleAgainst } from '../support/console-guard';
import type { FetchLike } from 'wiro-agent-react/core';
import { createAgentProxy } from 'wiro-agent-react/server';

const KEY = 'wk/live-1234<&é>';
const SECRET = 'proxy-secret-S3cr7t';
const GUID = 'agent-guid-1';

function upstreamAnswering(text: string, status = 401): FetchLike {
  return async () => new Response(text, { status, headers: { 'content-type': 'application/json' } });
}

function post(endpoint: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost/api/wiro/UserAgent/Message/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Every `\uXXXX` and short escape decoded, leniently (the oracle, independent of the scrubber). */
function jsonUnescape(text: string): string {
  const short: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g, (_m, hex: string | undefined, c: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : (short[c ?? ''] ?? ''),
  );
}

/** Every run of `%XX` sequences that is valid UTF-8 decoded, leniently. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Every string a response holds: its raw text, each decoded key and value, and their decodings. */
function decodableForms(text: string): string[] {
  const out = [text, jsonUnescape(text), percentDecode(text), percentDecode(jsonUnescape(text))];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      out.push(value, jsonUnescape(value), percentDecode(value), jsonUnescape(jsonUnescape(value)));
      out.push(percentDecode(jsonUnescape(value)));
    } else if (typeof value === 'number') {
      out.push(String(value));
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        walk(key);
        walk(item);
      }
    }
  };
  walk(JSON.parse(text) as unknown);
  return out;
}

function expectNoCredential(text: string, ...secrets: string[]): void {
  const forms = decodableForms(text);
  for (const secret of secrets) {
    for (const form of forms) expect(form.includes(secret), `found in ${form.slice(0, 200)}`).toBe(false);
  }
}

const console_ = guardConsoleAgainst(KEY, SECRET);

describe('createAgentProxy — credential scrub of escaped echoes', () => {
  it('removes a key echoed with PHP slash escapes, \\u escapes and escaped <, & and é', async () => {
    const phpSlashes = KEY.replace(/\//g, '\\/');
    const allUnicode = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const hexTags = 'wk\\/live-1234\\u003C\\u0026\\u00e9\\u003E';
    const upstream = `{"result":false,"errors":[{"message":"bad key ${phpSlashes}"}],"a":"${allUnicode}","b":"${hexTags}","${hexTags}":1}`;
    const handle = createAgentProxy({
      apiKey: KEY,
      apiSecret: SECRET,
      useragentguid: GUID,
      fetch: upstreamAnswering(upstream),
    });
    const response = await handle(post('Sessions', {}));
    expect(response.status).toBe(401);
    const text = await response.text();
    expectNoCredential(text, KEY);
    expect(JSON.parse(text)).toEqual({
      result: false,
      errors: [{ message: 'bad key [redacted]' }],
      a: '[redacted]',
      b: '[redacted]',
      '[redacted]': 1,
    });
  });

  it('removes a credential from JSON held in a string (escaped twice) and from URLs, in any hex case', async () => {
    const inner = JSON.stringify({ key: KEY }).replace('/', '\\/');
    const upstream = JSON.stringify({
      result: true,
      data: { metadata: inner, link: `https://x.test/?k=${encodeURIComponent(KEY).toLowerCase()}` },
    });
    const handle = createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: upstreamAnswering(upstream, 200) });
    const text = await (await handle(post('Sessions', {}))).text();
    expectNoCredential(text, KEY);
    expect(text).toContain('[redacted]');
  });

  it('turns a number spelling a numeric key into "[redacted]" without breaking the JSON', async () => {
    const key = '9876543210123';
    const handle = createAgentProxy({
      apiKey: key,
      useragentguid: GUID,
      fetch: upstreamAnswering(`{"result":true,"errors":[],"n":${key},"m":42}`, 200),
    });
    const text = await (await handle(post('Sessions', {}))).text();
    expect(JSON.parse(text)).toEqual({ result: true, errors: [], n: '[redacted]', m: 42 });
  });

  it('never sends a header value holding a credential', async () => {
    const handle = createAgentProxy({
      apiKey: KEY,
      useragentguid: GUID,
      cors: { origin: () => true },
      fetch: upstreamAnswering('{"result":true,"errors":[]}', 200),
    });
    const origin = `https://${encodeURIComponent(KEY)}.example`;
    const response = await handle(post('Sessions', {}, { origin }));
    expect(response.status).toBe(200);
    expect(decodableForms(JSON.stringify([...response.headers])).some((form) => form.includes(KEY))).toBe(false);
    expect(response.headers.get('content-type')).toMatch(/json/);
  });

  it('logs, and gives onError, failures with escaped credentials removed (same error class)', async () => {
    const failing: FetchLike = () =>
      Promise.reject(new TypeError(`fetch failed for x-api-key ${KEY.replace('/', '\\/')}`, { cause: new Error(KEY) }));
    const logged = createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: failing });
    await logged(post('Sessions', {}));
    const line = String(console_.spy('error').mock.calls[0]?.[0]);
    expect(line).toContain('[redacted]');
    expect(jsonUnescape(line)).not.toContain(KEY);

    const onError = vi.fn();
    const reported = createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: failing, onError });
    await reported(post('Sessions', {}));
    const error = onError.mock.calls[0]?.[0] as TypeError & { cause: Error };
    expect(error).toBeInstanceOf(TypeError);
    expect(jsonUnescape(`${error.message} ${error.stack ?? ''}`)).not.toContain(KEY);
    expect(error.cause.message).toBe('[redacted]');
  });
});

// A credential written the way some upstream JSON encoder might: per character as is, as \uXXXX (either
// hex case), or with its short escape; never raw where JSON forbids it.
const SHORT: Record<string, string> = { '/': '\\/', '"': '\\"', '\\': '\\\\' };
function escapedArb(secret: string): fc.Arbitrary<string> {
  const units = secret.split('');
  return fc.tuple(...units.map(() => fc.integer({ min: 0, max: 3 }))).map((choices) =>
    units
      .map((unit, i) => {
        const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
        const choice = choices[i] ?? 0;
        const rawAllowed = unit !== '"' && unit !== '\\';
        if (choice === 0 && rawAllowed) return unit;
        if (choice === 1 || (choice === 0 && !rawAllowed)) return `\\u${hex}`;
        if (choice === 2) return `\\u${hex.toUpperCase()}`;
        return SHORT[unit] ?? `\\u${hex}`;
      })
      .join(''),
  );
}

const secretChar = fc.constantFrom(...'abcXYZ019-_.~+=/<>&"\\% é中ü'.split(''), '😀');
const secretArb = fc.array(secretChar, { minLength: 8, maxLength: 24 }).map((chars) => chars.join(''));
// A key travels in the x-api-key header, so only Latin-1 can be one (the proxy refuses anything else).
const keyArb = secretArb.map((secret) => secret.replace(/[^\u0020-\u00ff]/g, 'k'));
const fillerArb = fc.string({ unit: fc.constantFrom(...'abc xyz .,:;-'.split('')), maxLength: 12 });

describe('createAgentProxy — scrub property (fixed seed)', () => {
  it('never relays a secret in any decodable form, and always answers valid JSON', async () => {
    const scenario = fc
      .boolean()
      .chain((asKey) => fc.tuple(fc.constant(asKey), asKey ? keyArb : secretArb))
      .chain(([asKey, secret]) =>
        fc.record({
          secret: fc.constant(secret),
          asKey: fc.constant(asKey),
          inMessage: escapedArb(secret),
          inObjectKey: escapedArb(secret),
          // JSON inside a JSON string: the inner escaping, then escaped again as string content.
          inner: escapedArb(secret),
          before: fillerArb,
          after: fillerArb,
        }),
      );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ secret, asKey, inMessage, inObjectKey, inner, before, after }) => {
        const nested = JSON.stringify(`{"k":"${inner}"}`).slice(1, -1);
        const percent = encodeURIComponent(secret);
        const upstream =
          `{"result":false,"errors":[{"message":"${before}${inMessage}${after}"}],` +
          `"echo":{"${inObjectKey}":"${before}"},"meta":"${nested}","url":"https://x.test/?k=${percent}","keep":"ok"}`;
        const handle = createAgentProxy({
          apiKey: asKey ? secret : 'fixed-key-0123456789',
          apiSecret: asKey ? undefined : secret,
          useragentguid: GUID,
          fetch: upstreamAnswering(upstream),
          onError: () => undefined,
        });
        const response = await handle(post('Sessions', {}));
        const text = await response.text();
        const body = JSON.parse(text) as { keep?: string };
        expect(response.status).toBe(401);
        expect(body.keep).toBe('ok');
        expectNoCredential(text, secret);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });
});
