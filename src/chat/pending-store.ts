/**
 * Where a chat remembers the replies still running, so a reload (or a remount) can pick them up again.
 *
 * Only the turns whose reply is not finished are kept, and only for as long as that is true. They
 * include the agenttoken, which authenticates a subscription on its own: the default store is the
 * tab's `sessionStorage` (gone with the tab, not shared with other tabs), never `localStorage`.
 * @packageDocumentation
 */
import type { ChatAttachment } from './types.js';

/** One turn whose reply was still running when it was saved. */
export interface PendingTurn {
  /** The reply's token, to subscribe to again. A secret: never log it whole. */
  agenttoken: string;
  /** The message's GUID, to merge with history rows. */
  messageguid: string;
  /** What the user wrote. */
  content: string;
  /** When the user sent it (`Date.now()` ms). */
  createdAt: number;
  /** Files sent with it (their descriptions; the bytes are not kept). */
  attachments?: ChatAttachment[];
}

/**
 * A string key-value store for pending turns. `load` and `save` may be synchronous or return promises
 * (IndexedDB, React Native's AsyncStorage); both may throw or reject, which the chat reports as an
 * error and otherwise ignores.
 *
 * @example Keep pending replies across tabs and browser restarts
 * ```ts
 * const storage: ChatStorage = {
 *   load: (key) => localStorage.getItem(key),
 *   save: (key, value) => (value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value)),
 * };
 * ```
 */
export interface ChatStorage {
  /** The value saved under `key`, or `null`/`undefined` when there is none. */
  load(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Save `value` under `key`; `null` means remove the key. */
  save(key: string, value: string | null): void | Promise<void>;
}

const KEY_PREFIX = 'wiro-agent-chat:';

/** The storage key of one agent's session. */
export function pendingKey(useragentguid: string, sessionkey: string): string {
  // JSON keeps the two parts apart even when one contains the separator.
  return KEY_PREFIX + JSON.stringify([useragentguid, sessionkey]);
}

/**
 * The browser tab's `sessionStorage`, looked up on each call (never at import, so server rendering is
 * safe). Where there is none, or it refuses (Safari private mode, sandboxed iframes, quota), loading
 * finds nothing and saving does nothing.
 */
export function sessionChatStorage(): ChatStorage {
  const get = (): Storage | null => {
    try {
      return typeof globalThis.sessionStorage === 'undefined' ? null : globalThis.sessionStorage;
    } catch {
      // Reading the property itself throws a SecurityError when storage is blocked.
      return null;
    }
  };
  return {
    load(key) {
      return get()?.getItem(key) ?? null;
    },
    save(key, value) {
      const storage = get();
      if (!storage) return;
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, value);
    },
  };
}

/** A storage kept in memory: for tests, server rendering, or to opt out of persistence across reloads. */
export function memoryChatStorage(
  initial?: Record<string, string>,
): ChatStorage & { readonly data: Map<string, string> } {
  const data = new Map<string, string>(Object.entries(initial ?? {}));
  return {
    data,
    load: (key) => data.get(key) ?? null,
    save: (key, value) => {
      if (value === null) data.delete(key);
      else data.set(key, value);
    },
  };
}

/** Serialise pending turns; an empty list removes the key. */
export function serializePending(turns: readonly PendingTurn[]): string | null {
  return turns.length === 0 ? null : JSON.stringify({ v: 1, turns });
}

/**
 * Read what {@link serializePending} wrote. Tolerates anything: a missing, foreign or corrupt value
 * gives an empty list, and entries without a token or GUID are dropped one by one.
 */
export function parsePending(value: string | null | undefined): PendingTurn[] {
  if (typeof value !== 'string' || value === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  const list = isObject(parsed) && Array.isArray(parsed.turns) ? parsed.turns : [];
  const turns: PendingTurn[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    if (!isObject(item)) continue;
    const { agenttoken, messageguid, content, createdAt } = item;
    if (typeof agenttoken !== 'string' || agenttoken === '' || typeof messageguid !== 'string' || messageguid === '')
      continue;
    if (seen.has(messageguid)) continue;
    seen.add(messageguid);
    const turn: PendingTurn = {
      agenttoken,
      messageguid,
      content: typeof content === 'string' ? content : '',
      createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    };
    const attachments = parseAttachments(item.attachments);
    if (attachments.length > 0) turn.attachments = attachments;
    turns.push(turn);
  }
  return turns;
}

function parseAttachments(value: unknown): ChatAttachment[] {
  if (!Array.isArray(value)) return [];
  const out: ChatAttachment[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.name !== 'string') continue;
    out.push({
      name: item.name,
      type: typeof item.type === 'string' ? item.type : '',
      size: typeof item.size === 'number' && Number.isFinite(item.size) ? item.size : null,
      url: typeof item.url === 'string' ? item.url : null,
    });
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
