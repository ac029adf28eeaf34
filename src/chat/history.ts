/**
 * Loading the conversation from Message/History, a page at a time, newest first on the wire and oldest
 * first on screen. A reply still running when its row is read goes live.
 * @packageDocumentation
 */
import { describeError } from './describe-error.js';
import { withLazyReply } from './lazy-reply.js';
import { recordAttachments, recordStream, recordTime, statusOfRecord, statusOfStream } from './records.js';
import type { ChatRun } from './run.js';
import { isFinished } from './state.js';
import type { ChatMessage, ChatRecord } from './types.js';

/** Load the newest page (`before` undefined) or the page before a message. Never rejects. */
export async function loadHistory(run: ChatRun, before: string | undefined): Promise<void> {
  if (run.historyInFlight || !run.active) return;
  run.historyInFlight = true;
  run.dispatch({ type: 'history-loading' });
  const { sessionkey } = run.host;
  const { api, historyPageSize } = run.settings();
  try {
    const page = await api.history(
      { ...run.agent(), sessionkey, limit: historyPageSize, ...(before !== undefined ? { before } : {}) },
      { signal: run.signal },
    );
    if (!run.active) return;
    const rows = [...page.messages].reverse().map((record) => historyTurn(run, record));
    run.dispatch({ type: 'history-page', turns: rows, hasmore: page.hasmore === true, older: before !== undefined });
    for (const row of rows) {
      if (isFinished(row.status) || row.messageguid === null) continue;
      const turn = run.findByGuid(row.messageguid);
      if (turn) run.follow(turn.id);
    }
  } catch (error) {
    if (run.aborted(error)) return;
    run.dispatch({ type: 'history-failed' });
    run.report({
      kind: 'history',
      message: describeError(error, 'The conversation could not be loaded.'),
      cause: error,
    });
  } finally {
    run.historyInFlight = false;
  }
}

/**
 * A history row as a turn. A finished reply's stream is built when first read (see lazy-reply.ts); a
 * reply still running goes live: over the socket when its token is known.
 */
function historyTurn(run: ChatRun, record: ChatRecord): ChatMessage {
  const guid = record.guid;
  const pending = run.host.pending.find(guid);
  const recordToken = (record as { agenttoken?: unknown }).agenttoken;
  const agenttoken =
    typeof recordToken === 'string' && recordToken !== '' ? recordToken : (pending?.agenttoken ?? null);
  const key = agenttoken ?? `message:${guid}`;
  const turn = {
    id: guid,
    content: typeof record.content === 'string' ? record.content : '',
    attachments: recordAttachments(record),
    createdAt: recordTime(record.createdat),
    messageguid: guid,
    agenttoken,
    error: null,
    cancelRequested: false,
    origin: 'history' as const,
  };
  const finished = statusOfRecord(record);
  if (finished !== null) return withLazyReply({ ...turn, status: finished }, record, key);
  const stream = recordStream(record, key);
  const live = !stream.isDone && agenttoken !== null && run.host.socket !== null;
  // Live rows without a token are held here (and polled); live rows with one stream live.
  return { ...turn, status: statusOfStream(stream), stream: live ? null : stream };
}
