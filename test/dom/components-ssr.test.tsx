// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AgentMessage, StreamMetrics, ThinkingBlock } from 'wiro-agent-react';
import { splitThinking, createStream, reduceStream } from 'wiro-agent-react/core';

describe('components on the server', () => {
  it('import and render without a DOM', () => {
    expect(typeof window).toBe('undefined');
    const token = 'tok_ssr_000000';
    const raw = '<think>plan</think># Title\n\nSome **bold** text and `code`.\n\n```js\nx()\n```';
    const stream = reduceStream(createStream(token), {
      type: 'agent_end',
      agenttoken: token,
      result: true,
      message: {
        raw,
        ...splitThinking(raw),
        metrics: { speed: 3, speedType: 'words/s', elapsedMs: 1200, tokenCount: 10, wordCount: 8 },
      },
    });
    const html = renderToString(
      <>
        <AgentMessage stream={stream} showMetrics />
        <AgentMessage agenttoken={null} />
        <ThinkingBlock thinking="alone" isThinking />
        <StreamMetrics stream={stream} />
      </>,
    );
    expect(html).toContain('<h1 dir="auto">Title</h1>');
    expect(html).toContain('data-status="done"');
    expect(html).toContain('Thinking…');
  });
});
