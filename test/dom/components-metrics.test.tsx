import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StreamMetrics } from 'wiro-agent-react';
import { type AgentMetrics, createStream, type AgentStream } from 'wiro-agent-react/core';

const FULL: AgentMetrics = { speed: 14.25, speedType: 'words/s', elapsedMs: 8100, tokenCount: 1560, wordCount: 118 };
const NONE: AgentMetrics = { speed: null, speedType: null, elapsedMs: null, tokenCount: null, wordCount: null };

function values(container: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of container.querySelectorAll('[data-metric]')) {
    out[(item as HTMLElement).dataset.metric ?? ''] =
      `${item.querySelector('dt')?.textContent}=${item.querySelector('dd')?.textContent}`;
  }
  return out;
}

describe('StreamMetrics', () => {
  it('shows speed, tokens, words and elapsed time with their names', () => {
    const { container } = render(<StreamMetrics metrics={FULL} locale="en-US" />);
    expect(values(container)).toEqual({
      speed: 'Speed=14.3 words/s',
      tokens: 'Tokens=1,560',
      words: 'Words=118',
      elapsed: 'Elapsed=8.1 s',
    });
  });

  it('shows only the figures that are known', () => {
    const { container } = render(<StreamMetrics metrics={{ ...NONE, wordCount: 12 }} />);
    expect(Object.keys(values(container))).toEqual(['words']);
  });

  it('renders nothing when the stream has no figures', () => {
    const { container } = render(<StreamMetrics stream={createStream('tok_x')} />);
    expect(container.innerHTML).toBe('');
  });

  it('follows a stream and marks itself live while it streams', () => {
    const stream: AgentStream = { ...createStream('tok_x'), metrics: FULL, isStreaming: true, status: 'agent_output' };
    const { container, rerender } = render(<StreamMetrics stream={stream} locale="en-US" />);
    expect(container.querySelector('dl')?.dataset.live).toBe('true');
    rerender(
      <StreamMetrics stream={{ ...stream, metrics: { ...FULL, wordCount: 200 }, isStreaming: false }} locale="en-US" />,
    );
    expect(values(container).words).toBe('Words=200');
    expect(container.querySelector('dl')?.dataset.live).toBeUndefined();
  });

  it('translates its labels', () => {
    const { container } = render(<StreamMetrics metrics={{ ...NONE, tokenCount: 3 }} labels={{ tokens: 'Jeton' }} />);
    expect(values(container).tokens).toBe('Jeton=3');
  });
});
