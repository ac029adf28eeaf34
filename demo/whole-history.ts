/**
 * A REST client whose first history page is the whole conversation: the demo's `?turns=N` and the chat
 * benchmark open a long thread fully loaded, to show (and measure) what scrolling through it costs.
 * Apps normally page with "Load older" instead.
 */
import type { AgentApi, AgentMessageRecord } from 'wiro-agent-react/core';

type HistoryApi = Pick<AgentApi, 'send' | 'detail' | 'history' | 'cancel'>;

/** The Message/History page size the API allows at most. */
const PAGE = 200;

/** `api`, with `history` (without a `before` cursor) following the cursor to the first message. */
export function wholeHistory<T extends HistoryApi>(api: T): T {
  const history: AgentApi['history'] = async (params = {}, options) => {
    if (params.before !== undefined) return api.history(params, options);
    const messages: AgentMessageRecord[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await api.history({ ...params, limit: PAGE, ...(before ? { before } : {}) }, options);
      messages.push(...page.messages);
      const oldest = page.messages[page.messages.length - 1]?.guid;
      if (!page.hasmore || oldest === undefined) return { messages, count: messages.length, hasmore: false };
      before = oldest;
    }
  };
  return { ...api, history };
}
