/**
 * Stopping a reply: through Message/Cancel, confirmed through Message/Detail (a reply cancelled while
 * queued gets no socket event), or after Send returns for a turn still being sent.
 * @packageDocumentation
 */
import { describeError } from './describe-error.js';
import type { ChatRun } from './run.js';
import { isInFlight } from './state.js';
import { refOf } from './turns.js';

/** Cancel one turn's reply. Never rejects: a refusal becomes an error state. */
export async function cancelTurn(run: ChatRun, id: string): Promise<void> {
  const turn = run.find(id);
  if (!turn || !isInFlight(turn.status)) return;
  run.dispatch({ type: 'update', id, patch: { cancelRequested: true } });
  if (turn.status === 'sending') {
    run.cancelAfterSend.add(id);
    return;
  }
  const ref = refOf(turn);
  if (!ref) return;
  let failure: unknown = null;
  try {
    await run.settings().api.cancel(ref, { signal: run.signal });
  } catch (error) {
    if (run.aborted(error)) return;
    failure = error;
  }
  // Confirm either way: a reply cancelled while queued gets no socket event, and a refused cancel
  // usually means the reply had just finished.
  const final = await run.poller.refresh(id);
  if (!run.active) return;
  if (failure !== null && final !== true) {
    run.dispatch({ type: 'update', id, patch: { cancelRequested: false } });
    run.report({
      kind: 'cancel',
      message: describeError(failure, 'The reply could not be stopped.'),
      messageId: id,
      cause: failure,
    });
  }
}
