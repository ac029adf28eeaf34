/** A finished chat turn as history loads it; `extra` sets what a test is about. */
import type { ChatMessage } from 'wiro-agent-react';

export function chatTurn(id: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    content: `text ${id}`,
    attachments: [],
    createdAt: 0,
    status: 'done',
    messageguid: id,
    agenttoken: null,
    stream: null,
    error: null,
    cancelRequested: false,
    origin: 'history',
    ...extra,
  };
}
