/**
 * The chat's state and the pure reducer that changes it. Framework-free so the merge rules (history
 * pages against live and resumed turns) are unit-testable on their own.
 * @packageDocumentation
 */
import type { ChatError, ChatFeedback, ChatMessage, ChatMessageStatus } from './types.js';

/** Turns that are versions of one another (made by `regenerate` and `edit`), oldest first, and the one shown. */
export interface VersionGroup {
  ids: readonly string[];
  shown: string;
}

/** Everything the chat hook renders from. */
export interface ChatState {
  /** Oldest first. */
  turns: readonly ChatMessage[];
  /** Older history can be loaded (also `true` after the first page failed, so it can be retried). */
  hasOlder: boolean;
  /** The first history page has arrived. */
  historyLoaded: boolean;
  isLoadingHistory: boolean;
  isPolling: boolean;
  error: ChatError | null;
  /** Version groups, by the id of their first turn. */
  versions: ReadonlyMap<string, VersionGroup>;
  /** The user's ratings, by message GUID. */
  feedback: ReadonlyMap<string, ChatFeedback>;
}

/** What can happen to the chat. */
export type ChatAction =
  | { type: 'history-loading' }
  /** A page of history, already oldest first. `older` pages go before everything loaded so far. */
  | { type: 'history-page'; turns: readonly ChatMessage[]; hasmore: boolean; older: boolean }
  | { type: 'history-failed' }
  | { type: 'add'; turn: ChatMessage }
  /** A new version of the turn `of` (added and shown in one step, so both are never shown at once). */
  | { type: 'add-version'; turn: ChatMessage; of: string }
  | { type: 'show-version'; id: string }
  | { type: 'feedback'; messageguid: string; feedback: ChatFeedback }
  /** Ratings read from storage; ratings given meanwhile win. */
  | { type: 'feedback-loaded'; entries: ReadonlyMap<string, ChatFeedback> }
  | { type: 'update'; id: string; patch: Partial<Omit<ChatMessage, 'id'>> }
  /** New statuses of socket-followed replies, by agenttoken. */
  | { type: 'statuses'; byToken: ReadonlyMap<string, ChatMessageStatus> }
  | { type: 'polling'; isPolling: boolean }
  | { type: 'error'; error: ChatError | null };

/** The state before anything loaded. */
export const INITIAL_CHAT_STATE: ChatState = /* @__PURE__ */ Object.freeze({
  turns: Object.freeze([]),
  hasOlder: false,
  historyLoaded: false,
  isLoadingHistory: true,
  isPolling: false,
  error: null,
  versions: /* @__PURE__ */ new Map(),
  feedback: /* @__PURE__ */ new Map(),
});

const TERMINAL: ReadonlySet<ChatMessageStatus> = /* @__PURE__ */ new Set<ChatMessageStatus>([
  'done',
  'error',
  'cancelled',
]);

/** `true` for statuses after which a reply no longer changes. */
export function isFinished(status: ChatMessageStatus): boolean {
  return TERMINAL.has(status);
}

/** `true` for turns whose reply is still to come (the Stop button's targets). */
export function isInFlight(status: ChatMessageStatus): boolean {
  return status === 'sending' || status === 'queued' || status === 'streaming';
}

/** Apply one action. Returns the same state object when nothing changed. */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'history-loading':
      return state.isLoadingHistory ? state : { ...state, isLoadingHistory: true };
    case 'history-page':
      return {
        ...state,
        turns: action.older ? prependOlder(state.turns, action.turns) : mergeFirstPage(state.turns, action.turns),
        hasOlder: action.hasmore,
        historyLoaded: true,
        isLoadingHistory: false,
      };
    case 'history-failed':
      // Leave a way to try again: the "load older" control retries the first page when none arrived.
      return { ...state, isLoadingHistory: false, hasOlder: state.historyLoaded ? state.hasOlder : true };
    case 'add':
      if (state.turns.some((turn) => turn.id === action.turn.id)) return state;
      return { ...state, turns: [...state.turns, action.turn] };
    case 'add-version': {
      if (state.turns.some((turn) => turn.id === action.turn.id)) return state;
      if (!state.turns.some((turn) => turn.id === action.of)) return state;
      const versions = new Map(state.versions);
      const [key, group] = groupOf(state.versions, action.of) ?? [action.of, { ids: [action.of], shown: action.of }];
      versions.set(key, { ids: [...group.ids, action.turn.id], shown: action.turn.id });
      return { ...state, turns: [...state.turns, action.turn], versions };
    }
    case 'show-version': {
      const found = groupOf(state.versions, action.id);
      if (!found || found[1].shown === action.id) return state;
      const versions = new Map(state.versions);
      versions.set(found[0], { ...found[1], shown: action.id });
      return { ...state, versions };
    }
    case 'feedback': {
      const current = state.feedback.get(action.messageguid);
      if (current?.value === action.feedback.value && current.comment === action.feedback.comment) return state;
      const feedback = new Map(state.feedback);
      feedback.set(action.messageguid, action.feedback);
      return { ...state, feedback };
    }
    case 'feedback-loaded': {
      if (action.entries.size === 0) return state;
      const feedback = new Map(action.entries);
      for (const [guid, given] of state.feedback) feedback.set(guid, given);
      return { ...state, feedback };
    }
    case 'update': {
      let changed = false;
      const turns = state.turns.map((turn) => {
        if (turn.id !== action.id) return turn;
        const next = patchTurn(turn, action.patch);
        if (next !== turn) changed = true;
        return next;
      });
      return changed ? { ...state, turns } : state;
    }
    case 'statuses': {
      let changed = false;
      const turns = state.turns.map((turn) => {
        // The token first: reading `stream` builds a lazy history reply (lazy-reply.ts).
        if (turn.agenttoken === null || turn.stream !== null) return turn;
        const status = action.byToken.get(turn.agenttoken);
        if (
          status === undefined ||
          status === turn.status ||
          turn.status === 'sending' ||
          turn.status === 'send-failed'
        ) {
          return turn;
        }
        changed = true;
        return { ...turn, status, cancelRequested: isFinished(status) ? false : turn.cancelRequested };
      });
      return changed ? { ...state, turns } : state;
    }
    case 'polling':
      return state.isPolling === action.isPolling ? state : { ...state, isPolling: action.isPolling };
    case 'error':
      return state.error === action.error ? state : { ...state, error: action.error };
    default:
      return state;
  }
}

/** The version group holding turn `id`, with its key. */
export function groupOf(versions: ReadonlyMap<string, VersionGroup>, id: string): [string, VersionGroup] | undefined {
  for (const entry of versions) if (entry[1].ids.includes(id)) return entry;
  return undefined;
}

function patchTurn(turn: ChatMessage, patch: Partial<Omit<ChatMessage, 'id'>>): ChatMessage {
  for (const key of Object.keys(patch) as (keyof typeof patch)[]) {
    if (!Object.is(turn[key], patch[key])) {
      const next = { ...turn, ...patch };
      if (isFinished(next.status)) next.cancelRequested = false;
      return next;
    }
  }
  return turn;
}

/**
 * The newest page goes under what is already shown only if it is new: a row whose message the chat
 * already holds (sent from here, or resumed after a reload) takes that turn, with its live token and
 * local id, to the row's place, so nothing is listed twice and server order wins. Turns no row names
 * (sent after the page was read) stay after it, in their order.
 */
function mergeFirstPage(current: readonly ChatMessage[], page: readonly ChatMessage[]): ChatMessage[] {
  if (current.length === 0) return withoutRepeats(page);
  const byGuid = new Map<string, ChatMessage>();
  for (const turn of current) if (turn.messageguid !== null) byGuid.set(turn.messageguid, turn);
  const placed = new Set<ChatMessage>();
  const merged: ChatMessage[] = [];
  const seen = new Set<string>();
  for (const row of page) {
    const guid = row.messageguid;
    if (guid !== null && seen.has(guid)) continue;
    if (guid !== null) seen.add(guid);
    const existing = guid !== null ? byGuid.get(guid) : undefined;
    if (existing) {
      placed.add(existing);
      merged.push(adoptRow(existing, row));
    } else {
      merged.push(row);
    }
  }
  for (const turn of current) if (!placed.has(turn)) merged.push(turn);
  return merged;
}

/** The page with any row whose message was listed earlier left out. */
function withoutRepeats(page: readonly ChatMessage[]): ChatMessage[] {
  const seen = new Set<string>();
  return page.filter((row) => {
    if (row.messageguid === null) return true;
    if (seen.has(row.messageguid)) return false;
    seen.add(row.messageguid);
    return true;
  });
}

/** Older rows go first; any the chat already holds are skipped. */
function prependOlder(current: readonly ChatMessage[], page: readonly ChatMessage[]): ChatMessage[] {
  const known = new Set<string>();
  for (const turn of current) if (turn.messageguid !== null) known.add(turn.messageguid);
  const older: ChatMessage[] = [];
  for (const row of page) {
    if (row.messageguid !== null) {
      if (known.has(row.messageguid)) continue;
      known.add(row.messageguid);
    }
    older.push(row);
  }
  return older.length === 0 ? [...current] : [...older, ...current];
}

/**
 * A held turn meeting its history row: the held turn is the live one and is kept, but a resumed turn
 * only knew what storage had, so it takes the row's server-side details (attachments with URLs, time).
 */
function adoptRow(existing: ChatMessage, row: ChatMessage): ChatMessage {
  if (existing.origin !== 'resumed') return existing;
  return {
    ...existing,
    content: existing.content !== '' ? existing.content : row.content,
    attachments: row.attachments.length > 0 ? row.attachments : existing.attachments,
    createdAt: row.createdAt || existing.createdAt,
  };
}
