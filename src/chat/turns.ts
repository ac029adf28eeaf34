/**
 * Building and addressing turns: a turn sent from here, the reply the chat holds itself, the REST
 * reference of a turn's message.
 * @packageDocumentation
 */
import type { MessageRef } from '../api/types.js';
import { createStream, reduceStream } from '../store/reduce.js';
import type { AgentStream } from '../store/types.js';
import type { ChatAttachment, ChatMessage } from './types.js';

let sequence = 0;
/** Ids for turns sent here: unique within the page, and unlike any message GUID. */
export function localId(): string {
  sequence += 1;
  return `local-${Date.now().toString(36)}-${sequence.toString(36)}`;
}

/** A turn the user just sent: shown at once, `sending`. */
export function localTurn(id: string, content: string, files: readonly File[]): ChatMessage {
  return {
    id,
    content,
    attachments: files.map(describeFile),
    createdAt: Date.now(),
    status: 'sending',
    messageguid: null,
    agenttoken: null,
    stream: null,
    error: null,
    cancelRequested: false,
    origin: 'local',
  };
}

/** How to address a turn's message over REST. */
export function refOf(turn: ChatMessage): MessageRef | null {
  if (turn.agenttoken !== null) return { agenttoken: turn.agenttoken };
  if (turn.messageguid !== null) return { messageguid: turn.messageguid };
  return null;
}

/** A reply the chat holds itself, just sent: shown as waiting. */
export function startedStream(agenttoken: string): AgentStream {
  return reduceStream(createStream(agenttoken), { type: 'local_subscribing', agenttoken });
}

function describeFile(file: File): ChatAttachment {
  return {
    name: typeof file.name === 'string' ? file.name : 'file',
    type: typeof file.type === 'string' ? file.type : '',
    size: typeof file.size === 'number' ? file.size : null,
    url: null,
  };
}
