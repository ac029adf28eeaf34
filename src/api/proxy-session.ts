/**
 * The agent proxy's session binding: `authorize` ties a caller to one session key, or to every key
 * under a prefix, and each endpoint is held to it.
 * @packageDocumentation
 */
import { isJsonObject } from './normalize.js';
import type { UpstreamFields } from './proxy-fields.js';
import { ProxyRefusal } from './proxy-http.js';
import type { AgentEndpoint } from './types.js';

/** A caller's binding: one session, or a namespace of sessions. */
export type SessionBinding = { sessionkey: string } | { sessionPrefix: string };

/** `true` when `sessionkey` belongs to the binding. */
export function owns(binding: SessionBinding, sessionkey: unknown): boolean {
  if (typeof sessionkey !== 'string') return false;
  return 'sessionkey' in binding ? sessionkey === binding.sessionkey : sessionkey.startsWith(binding.sessionPrefix);
}

/**
 * Apply the binding to the fields of Send, History and DeleteSession. A bound key overwrites whatever
 * the caller asked for; under a prefix the caller's key must be inside it (403 otherwise, "default"
 * included, before any upstream call). DeleteSession always needs a key.
 */
export function bindSession(
  endpoint: AgentEndpoint,
  fields: UpstreamFields,
  binding: SessionBinding | undefined,
): void {
  const takesKey = endpoint === 'Send' || endpoint === 'History' || endpoint === 'DeleteSession';
  if (binding !== undefined && takesKey) {
    if ('sessionkey' in binding) {
      // Overwrite, never compare: whatever the browser asked for, it gets only its own session.
      fields.sessionkey = binding.sessionkey;
    } else if (!owns(binding, fields.sessionkey)) {
      throw new ProxyRefusal(403, 'session_not_allowed', 'This caller may only use its own session keys.');
    }
  }
  if (endpoint === 'DeleteSession' && fields.sessionkey === undefined) {
    throw new ProxyRefusal(400, 'missing_field', 'Field "sessionkey" is required.');
  }
}

/** `true` when a Detail answer describes a message of the binding; a missing sessionkey fails closed. */
export function detailInBinding(detail: Record<string, unknown>, binding: SessionBinding): boolean {
  return isJsonObject(detail.data) && owns(binding, detail.data.sessionkey);
}

/**
 * Keep only the binding's rows of a Sessions answer (in place). Fails closed: an answer whose
 * `data.sessions` is not a list cannot be filtered, so it is refused (502) rather than relayed.
 */
export function filterSessions(body: Record<string, unknown>, binding: SessionBinding): void {
  if (!isJsonObject(body.data) || !Array.isArray(body.data.sessions)) {
    throw new ProxyRefusal(502, 'bad_upstream_response', 'Wiro answered Sessions without a sessions list.');
  }
  body.data.sessions = body.data.sessions.filter((row) => isJsonObject(row) && owns(binding, row.sessionkey));
}
