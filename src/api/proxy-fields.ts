/**
 * What the proxy forwards per endpoint: the documented fields only, checked, with the agent bound.
 * @packageDocumentation
 */
import { ProxyRefusal, safeName } from './proxy-http.js';
import type { AgentEndpoint } from './types.js';

/** The upstream request body the proxy builds (text fields; files travel separately). */
export type UpstreamFields = Record<string, string | number>;

const MAX_HISTORY_LIMIT = 200;

/**
 * Refuse a body naming another agent than the configured one (403); a missing one is fine (the
 * proxy injects it).
 */
export function checkAgent(body: Record<string, unknown>, useragentguid: string): void {
  if (!('useragentguid' in body) || body.useragentguid === undefined) return;
  if (body.useragentguid !== useragentguid) {
    throw new ProxyRefusal(403, 'foreign_agent', 'This proxy serves one agent only; the useragentguid does not match.');
  }
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ProxyRefusal(400, 'invalid_field', `Field "${safeName(field)}" must be a non-empty string.`);
  }
  return value;
}

function missing(field: string, hint = ''): ProxyRefusal {
  return new ProxyRefusal(400, 'missing_field', `Field "${field}" is required${hint}.`);
}

/**
 * Build the fields forwarded for `endpoint` from the caller's body. Undocumented fields are dropped,
 * and so is `callbackurl` (a browser must not choose where Wiro posts replies; see the proxy option).
 * The session binding and `DeleteSession`'s required `sessionkey` are applied later, after `authorize`.
 *
 * @param fileCount - files of a multipart Send (they may replace the message).
 */
export function pickFields(
  endpoint: AgentEndpoint,
  body: Record<string, unknown>,
  useragentguid: string,
  fileCount: number,
): UpstreamFields {
  const out: UpstreamFields = {};
  switch (endpoint) {
    case 'Send': {
      const message = body.message;
      if (message !== undefined && message !== null && typeof message !== 'string') {
        throw new ProxyRefusal(400, 'invalid_field', 'Field "message" must be a string.');
      }
      if ((typeof message !== 'string' || message === '') && fileCount === 0) {
        throw missing('message', ' unless files are attached');
      }
      out.useragentguid = useragentguid;
      if (typeof message === 'string') out.message = message;
      copySession(body, out);
      return out;
    }
    case 'History': {
      out.useragentguid = useragentguid;
      copySession(body, out);
      const limit = body.limit;
      if (limit !== undefined && limit !== null) {
        const n = typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : limit;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_HISTORY_LIMIT) {
          throw new ProxyRefusal(
            400,
            'invalid_field',
            `Field "limit" must be an integer from 1 to ${MAX_HISTORY_LIMIT}.`,
          );
        }
        out.limit = n;
      }
      const before = optionalString(body, 'before');
      if (before !== undefined) out.before = before;
      return out;
    }
    case 'Sessions':
      out.useragentguid = useragentguid;
      return out;
    case 'DeleteSession':
      out.useragentguid = useragentguid;
      copySession(body, out);
      return out;
    case 'Detail':
    case 'Cancel': {
      // Only a message reference is forwarded: nothing else can widen what these calls reach.
      const messageguid = optionalString(body, 'messageguid');
      const agenttoken = optionalString(body, 'agenttoken');
      if (messageguid === undefined && agenttoken === undefined) throw missing('messageguid" or "agenttoken');
      if (messageguid !== undefined) out.messageguid = messageguid;
      if (agenttoken !== undefined) out.agenttoken = agenttoken;
      return out;
    }
  }
}

function copySession(body: Record<string, unknown>, out: UpstreamFields): void {
  const sessionkey = optionalString(body, 'sessionkey');
  if (sessionkey !== undefined) out.sessionkey = sessionkey;
}
