/**
 * Credential scrubbing: finds an API key or secret in any form a server may echo it in, and removes
 * it without ever breaking the JSON it sits in.
 * @packageDocumentation
 */
import { isJsonObject } from './normalize.js';

/** What replaces a credential wherever it would otherwise be shown. */
export const REDACTED = '[redacted]';

/** Finds and removes credentials; see {@link createScrubber}. */
export interface Scrubber {
  /** `true` when `text` holds a credential in any recognised form. */
  finds(text: string): boolean;
  /** `text` with every occurrence, in any recognised form, replaced by {@link REDACTED}. */
  text(text: string): string;
  /**
   * A copy of a parsed JSON value with every string (object keys included) scrubbed, and every number
   * whose digits spell a credential replaced by the string {@link REDACTED}. Serialising the copy always
   * gives valid JSON: the scrub works on decoded values, never on JSON text.
   */
  json(value: unknown): unknown;
}

const SHORT_JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

const encoder = /* @__PURE__ */ new TextEncoder();

/** A regex fragment matching the characters of `literal` exactly. */
function exact(literal: string): string {
  let out = '';
  for (let i = 0; i < literal.length; i++) out += `\\u${literal.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** Hex digits in either case, as escapes and percent-encodings are written either way. */
function anyCaseHex(hex: string): string {
  return hex.replace(/[a-f]/gi, (d) => `[${d.toLowerCase()}${d.toUpperCase()}]`);
}

/** `\uXXXX` for one UTF-16 unit, or its short escape (`\/`, `\"`, `\n`, …), or the unit as is. */
function unitForms(unit: string): string[] {
  const forms = [exact(unit), `\\\\u${anyCaseHex(unit.charCodeAt(0).toString(16).padStart(4, '0'))}`];
  const short = SHORT_JSON_ESCAPES[unit];
  if (short !== undefined) forms.push(exact(short));
  return forms;
}

/**
 * One regex source matching `secret` written with any mix, per character, of: the character itself,
 * a JSON escape (`\u0077`, `\/`, surrogate pairs as two escapes) and percent-encoded UTF-8 (`%2F`).
 * Escapes nested one level deeper (`\\u0077` inside a JSON string holding JSON) match too, from
 * their inner backslash.
 */
function secretPattern(secret: string): string {
  let out = '';
  for (const char of secret) {
    const units =
      char.length === 1
        ? unitForms(char)
        : [
            `(?:${char
              .split('')
              .map((u) => `(?:${unitForms(u).join('|')})`)
              .join('')})`,
          ];
    const percent = [...encoder.encode(char)].map((b) => `%${anyCaseHex(b.toString(16).padStart(2, '0'))}`).join('');
    out += `(?:${[...units, percent].join('|')})`;
  }
  return out;
}

/**
 * Build a {@link Scrubber} for the given credentials (empty ones are ignored).
 *
 * It recognises a credential written as is, JSON-escaped in any way a JSON encoder may choose
 * (`\/` as PHP writes it, `\u0077`, `\u003C` for `<`, `\u00e9` for `é`, mixed per character), escaped
 * twice (JSON inside a JSON string), and percent-encoded: every form that decodes to the credential.
 */
export function createScrubber(secrets: readonly string[]): Scrubber {
  const patterns = [...new Set(secrets.filter((s) => s !== ''))].map(secretPattern);
  if (patterns.length === 0) {
    return { finds: () => false, text: (text) => text, json: (value) => value };
  }
  const source = patterns.join('|');
  const probe = new RegExp(source);
  const global = new RegExp(source, 'g');
  const finds = (text: string): boolean => probe.test(text);
  const text = (value: string): string => (probe.test(value) ? value.replace(global, REDACTED) : value);
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (typeof value === 'number') return finds(JSON.stringify(value)) ? REDACTED : value;
    if (Array.isArray(value)) return value.map(json);
    if (isJsonObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        // defineProperty: a plain assignment of a "__proto__" key would set the copy's prototype.
        Object.defineProperty(out, text(key), {
          value: json(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return value;
  };
  return { finds, text, json };
}
