/**
 * New versions of the last turn: `regenerate` sends its message again, `edit` sends a changed one.
 * Wiro's history is linear, so a version is a new message at the end of the session (the agent sees
 * every version in its context); the chat shows the versions of a turn in one place, one at a time.
 * @packageDocumentation
 */
import { cancelTurn } from './cancelling.js';
import type { ChatRun } from './run.js';
import { deliver } from './sending.js';
import { groupOf, isFinished, isInFlight } from './state.js';
import { localId, localTurn } from './turns.js';
import type { ChatMessage } from './types.js';
import { visibleTurns } from './view.js';

/** The last turn shown (of several versions, the one chosen). */
export function lastShownTurn(run: ChatRun): ChatMessage | undefined {
  const shown = visibleTurns(run.state());
  const last = shown[shown.length - 1];
  // The view may be a decorated copy: the state's own turn is the one the jobs work on.
  return last === undefined ? undefined : run.find(last.id);
}

/** See `UseAgentChatResult.regenerate`. */
export async function regenerateLast(run: ChatRun): Promise<string | null> {
  const last = lastShownTurn(run);
  if (!last || !isFinished(last.status)) return null;
  return sendVersion(run, last, last.content);
}

/** See `UseAgentChatResult.edit`. */
export async function editLast(run: ChatRun, id: string, text: string): Promise<string | null> {
  const last = lastShownTurn(run);
  if (!last || last.id !== id) return null;
  const content = typeof text === 'string' ? text.trim() : '';
  if (content === '') return null;
  // The old reply is no longer wanted: stop it (in the background; the new message does not wait).
  if (isInFlight(last.status)) void cancelTurn(run, last.id);
  return sendVersion(run, last, content);
}

/** See `UseAgentChatResult.selectVersion`. */
export function selectVersion(run: ChatRun, id: string, index: number): void {
  const found = groupOf(run.state().versions, id);
  const target = found?.[1].ids[Math.trunc(index)];
  if (target !== undefined) run.dispatch({ type: 'show-version', id: target });
}

/**
 * Send `content` as a new version of `of`, with `of`'s files while this page still holds them. Files
 * it no longer holds (history rows, turns sent before a reload) are named on the new turn instead.
 */
async function sendVersion(run: ChatRun, of: ChatMessage, content: string): Promise<string | null> {
  const files = run.host.files.get(of.id) ?? [];
  if (content === '' && files.length === 0) return null;
  const id = localId();
  if (files.length > 0) run.host.files.set(id, files);
  const turn = localTurn(id, content, files);
  if (files.length === 0 && of.attachments.length > 0) turn.filesNotResent = of.attachments;
  run.dispatch({ type: 'add-version', turn, of: of.id });
  await deliver(run, id);
  return id;
}
