/**
 * The proxy's lazy configuration check: credentials and identifiers usually come from environment
 * variables, which are unset while a framework builds (Next.js imports route modules to collect page
 * data). Creating a proxy therefore never fails on them; the first request reports what is wrong.
 * @packageDocumentation
 */
import { ProxyRefusal } from './proxy-http.js';

/**
 * Shortest API key or secret the proxy accepts. The proxy removes every occurrence of the credentials
 * from what it sends back; a very short one also occurs by chance in ordinary text (a one-letter
 * secret matched inside `"result"`), so the answer would be mangled. Eight characters make a chance
 * match in a few MiB of text negligible; Wiro's own keys are far longer.
 */
export const MIN_CREDENTIAL_LENGTH = 8;

/** A credential option: like {@link requireOption} / {@link optionalOption}, and at least {@link MIN_CREDENTIAL_LENGTH} long. */
export function credentialOption(problems: string[], name: string, value: unknown, required: boolean): void {
  const before = problems.length;
  if (required) requireOption(problems, name, value);
  else optionalOption(problems, name, value, 'leave it out for key-only authentication');
  if (problems.length !== before || typeof value !== 'string') return;
  if (value.length < MIN_CREDENTIAL_LENGTH) {
    problems.push(
      `${name} is too short to be scrubbed safely from answers (at least ${MIN_CREDENTIAL_LENGTH} characters)`,
    );
  }
  // The key travels in the x-api-key header: only what a header value can hold (the secret is only hashed).
  if (name === 'apiKey' && !/^[\t\x20-\x7e\x80-\xff]+$/.test(value)) {
    problems.push(`${name} holds characters an HTTP header cannot carry`);
  }
}

/** A required string option: named in the problem list when missing or empty. Its value is never quoted. */
export function requireOption(problems: string[], name: string, value: unknown): void {
  if (value === undefined || value === null) problems.push(`${name} is missing`);
  else if (typeof value !== 'string') problems.push(`${name} must be a string`);
  else if (value === '') problems.push(`${name} is empty`);
}

/** An optional string option: fine when absent, a problem when present but empty or not a string. */
export function optionalOption(problems: string[], name: string, value: unknown, hint: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string') problems.push(`${name} must be a string`);
  else if (value === '') problems.push(`${name} is empty (${hint})`);
}

/**
 * Turns a problem list (computed once, at set-up) into the refusal every request gets, reporting it
 * once. `null` when the configuration is usable.
 */
export function createConfigGate(
  problems: readonly string[],
  report: (error: Error) => void,
): (() => ProxyRefusal) | null {
  if (problems.length === 0) return null;
  const message = `The Wiro proxy is not configured: ${problems.join('; ')}.`;
  let reported = false;
  return () => {
    if (!reported) {
      reported = true;
      report(new TypeError(message));
    }
    return new ProxyRefusal(500, 'proxy_not_configured', message);
  };
}
