/**
 * Sending a turn through Message/Send, then handing its reply over to be followed.
 * @packageDocumentation
 */
import { cancelTurn } from './cancelling.js';
import { describeError } from './describe-error.js';
import type { ChatRun } from './run.js';
import { startedStream } from './turns.js';
import type { ChatError } from './types.js';

/** Send a turn already shown as `sending`. Never rejects: a failure marks the turn `send-failed`. */
export async function deliver(run: ChatRun, id: string): Promise<void> {
  const turn = run.find(id);
  if (!turn) return;
  const { sessionkey, socket, files: filesById } = run.host;
  const files = filesById.get(id) ?? [];
  try {
    const result = await run
      .settings()
      .api.send(
        { ...run.agent(), sessionkey, message: turn.content, ...(files.length > 0 ? { attachments: files } : {}) },
        { signal: run.signal },
      );
    if (!run.active) return;
    run.dispatch({
      type: 'update',
      id,
      patch: {
        status: 'queued',
        agenttoken: result.agenttoken,
        messageguid: result.messageguid,
        error: null,
        // Without a socket the chat holds the reply itself and polls it.
        stream: socket ? null : startedStream(result.agenttoken),
      },
    });
    run.host.pending.remember({
      agenttoken: result.agenttoken,
      messageguid: result.messageguid,
      content: turn.content,
      createdAt: turn.createdAt,
      ...(turn.attachments.length > 0 ? { attachments: [...turn.attachments] } : {}),
    });
    run.follow(id);
    try {
      run.settings().onMessageSent?.({ sessionkey, id, content: turn.content, messageguid: result.messageguid });
    } catch {
      // An app's handler failing must not break the chat.
    }
    if (run.cancelAfterSend.delete(id)) await cancelTurn(run, id);
  } catch (error) {
    if (run.aborted(error)) return;
    run.cancelAfterSend.delete(id);
    const chatError: ChatError = {
      kind: 'send',
      message: describeError(error, 'The message could not be sent.'),
      messageId: id,
      cause: error,
    };
    run.dispatch({ type: 'update', id, patch: { status: 'send-failed', error: chatError } });
    run.report(chatError);
  }
}
