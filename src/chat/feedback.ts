/**
 * Ratings of replies (thumbs up or down, with an optional comment). Wiro stores no feedback: the app
 * records it through `onFeedback`, and the chat remembers what the user chose in its storage so a
 * reload shows it again. Only message GUIDs and ratings are stored, never tokens.
 * @packageDocumentation
 */
import type { ChatStorage } from './pending-store.js';
import type { ChatRun } from './run.js';
import { isFinished } from './state.js';
import type { ChatFeedback, ChatFeedbackValue } from './types.js';

const KEY_PREFIX = 'wiro-agent-feedback:';
/** Ratings kept per session; the oldest go first beyond it (the app's own record is the real one). */
const MAX_KEPT = 500;

/** The storage key of one agent's session. */
export function feedbackKey(useragentguid: string, sessionkey: string): string {
  return KEY_PREFIX + JSON.stringify([useragentguid, sessionkey]);
}

/** One session's ratings in its storage. Outlives the runs of its controller: read once, written in order. */
export class FeedbackStore {
  readonly #key: string;
  #storage: ChatStorage | null = null;
  #chosen = false;
  #loading: Promise<ReadonlyMap<string, ChatFeedback>> | null = null;
  #saving: Promise<void> = Promise.resolve();

  constructor(key: string) {
    this.#key = key;
  }

  /** The storage to use: the first call decides. */
  useStorage(storage: ChatStorage | null): void {
    if (this.#chosen) return;
    this.#storage = storage;
    this.#chosen = true;
  }

  /** The ratings stored (read once; later calls get the same answer). Never rejects. */
  load(): Promise<ReadonlyMap<string, ChatFeedback>> {
    this.#loading ??= this.#read();
    return this.#loading;
  }

  /** Write every rating (after the stored ones were read, so none is lost). Failures are reported. */
  save(all: ReadonlyMap<string, ChatFeedback>, report: (error: unknown) => void): void {
    const storage = this.#storage;
    if (!storage) return;
    const entries = [...all].slice(-MAX_KEPT).map(([guid, { value, comment }]) => [guid, value, comment]);
    const value = entries.length === 0 ? null : JSON.stringify({ v: 1, entries });
    this.#saving = this.#saving
      .then(() => this.load())
      .then(() => storage.save(this.#key, value))
      .catch(report);
  }

  async #read(): Promise<ReadonlyMap<string, ChatFeedback>> {
    const storage = this.#storage;
    if (!storage) return new Map();
    try {
      return parseFeedback(await storage.load(this.#key));
    } catch {
      // Unreadable storage: the ratings are simply not shown again.
      return new Map();
    }
  }
}

/** Read what {@link FeedbackStore.save} wrote; anything malformed is skipped. */
export function parseFeedback(raw: string | null | undefined): Map<string, ChatFeedback> {
  const out = new Map<string, ChatFeedback>();
  if (typeof raw !== 'string' || raw === '') return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return out;
  }
  const entries = typeof parsed === 'object' && parsed !== null ? (parsed as { entries?: unknown }).entries : null;
  if (!Array.isArray(entries)) return out;
  for (const entry of entries) {
    if (!Array.isArray(entry)) continue;
    const [guid, value, comment] = entry as unknown[];
    if (typeof guid !== 'string' || guid === '' || (value !== 'up' && value !== 'down')) continue;
    out.set(guid, { value, comment: typeof comment === 'string' ? comment : '' });
  }
  return out;
}

/** Rate a finished reply (see `UseAgentChatResult.rate`). */
export function rateTurn(run: ChatRun, id: string, value: ChatFeedbackValue, comment?: string): void {
  const turn = run.find(id);
  if (!turn || turn.messageguid === null || !isFinished(turn.status)) return;
  if (value !== 'up' && value !== 'down') return;
  const text = typeof comment === 'string' ? comment.trim() : undefined;
  const previous = run.state().feedback.get(turn.messageguid);
  // A new value without a comment keeps nothing of an earlier comment on the other value.
  const kept = previous?.value === value ? previous.comment : '';
  run.dispatch({ type: 'feedback', messageguid: turn.messageguid, feedback: { value, comment: text ?? kept } });
  run.host.feedback.save(run.state().feedback, (error) =>
    run.report({ kind: 'storage', message: 'Your rating could not be saved for a reload.', cause: error }, false),
  );
  const { sessionkey } = run.host;
  try {
    run.settings().onFeedback?.({
      messageguid: turn.messageguid,
      agenttoken: turn.agenttoken,
      sessionkey,
      value,
      ...(text !== undefined ? { comment: text } : {}),
    });
  } catch {
    // An app's handler failing must not break the chat.
  }
}
