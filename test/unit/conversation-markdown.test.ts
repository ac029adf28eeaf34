import { describe, expect, it } from 'vitest';
import { conversationToMarkdown } from 'wiro-agent-react';
import { createStream, reduceStream, splitThinking, type AgentStream } from 'wiro-agent-react/core';
import { chatTurn } from '../support/chat-fixtures';

/** A finished reply with `raw` as the agent wrote it (`<think>` blocks included). */
function finished(token: string, raw: string, status: 'agent_end' | 'agent_cancel' = 'agent_end'): AgentStream {
  const stream = reduceStream(createStream(token), {
    type: 'agent_output',
    agenttoken: token,
    result: true,
    message: { raw, ...splitThinking(raw), metrics: emptyMetrics() },
  });
  if (status === 'agent_cancel') {
    return reduceStream(stream, { type: 'agent_cancel', agenttoken: token, result: false, message: 'AbortError' });
  }
  return reduceStream(stream, {
    type: 'agent_end',
    agenttoken: token,
    result: true,
    message: { raw, ...splitThinking(raw), metrics: emptyMetrics() },
  });
}

function emptyMetrics() {
  return { speed: null, speedType: null, elapsedMs: null, tokenCount: null, wordCount: null };
}

describe('conversationToMarkdown', () => {
  it('writes each turn as a You section and an Agent section, oldest first, without the reasoning', () => {
    const markdown = conversationToMarkdown([
      chatTurn('a', {
        content: 'What is **streaming**?',
        stream: finished(
          't1',
          '<think>The user asks a definition.</think>Streaming sends the reply *as it is written*.',
        ),
      }),
      chatTurn('b', { content: 'Thanks!', stream: finished('t2', 'You are welcome.') }),
    ]);
    expect(markdown).toBe(
      [
        '## You',
        '',
        'What is **streaming**?',
        '',
        '## Agent',
        '',
        'Streaming sends the reply *as it is written*.',
        '',
        '## You',
        '',
        'Thanks!',
        '',
        '## Agent',
        '',
        'You are welcome.',
        '',
      ].join('\n'),
    );
    expect(markdown).not.toContain('definition');
  });

  it('keeps the reasoning in collapsed <details>, in order with the answer, when asked', () => {
    const markdown = conversationToMarkdown(
      [
        chatTurn('a', {
          content: 'Hi',
          stream: finished('t1', '<think>plan one</think>Part one.<think>plan two</think>Part two.'),
        }),
      ],
      { thinking: 'details', labels: { thinking: 'Reasoning <1>' } },
    );
    const agent = markdown.slice(markdown.indexOf('## Agent'));
    expect(agent).toBe(
      [
        '## Agent',
        '',
        '<details>\n<summary>Reasoning &lt;1&gt;</summary>\n\nplan one\n\n</details>',
        '',
        'Part one.',
        '',
        '<details>\n<summary>Reasoning &lt;1&gt;</summary>\n\nplan two\n\n</details>',
        '',
        'Part two.',
        '',
      ].join('\n'),
    );
  });

  it('lists attachments as links, names a file whose URL the policy refuses, and escapes link text', () => {
    const markdown = conversationToMarkdown([
      chatTurn('a', {
        content: '',
        attachments: [
          { name: 'photo [1].png', type: 'image/png', size: 10, url: 'https://cdn.test/a b/photo (1).png' },
          { name: 'evil.html', type: 'text/html', size: 5, url: 'javascript:alert(1)' },
          { name: 'local.txt', type: 'text/plain', size: 1, url: null },
        ],
        stream: finished('t1', 'Got them.'),
      }),
    ]);
    expect(markdown).toContain(
      [
        'Attachments:',
        '',
        '- [photo \\[1\\].png](<https://cdn.test/a b/photo (1).png>)',
        '- evil.html',
        '- local.txt',
      ].join('\n'),
    );
    expect(markdown).not.toContain('javascript:');
  });

  it('reads live replies through getStream and says which replies were unfinished, stopped or failed', () => {
    const live = finished('live-token', 'Half of the ans');
    const markdown = conversationToMarkdown(
      [
        chatTurn('a', { content: 'one', status: 'streaming', agenttoken: 'live-token', stream: null }),
        chatTurn('b', { content: 'two', status: 'cancelled', stream: finished('t2', 'Partial', 'agent_cancel') }),
        chatTurn('c', {
          content: 'three',
          status: 'error',
          stream: reduceStream(createStream('t3'), {
            type: 'agent_error',
            agenttoken: 't3',
            result: false,
            message: 'The agent is not running.',
          }),
        }),
        chatTurn('d', { content: 'four', status: 'send-failed', stream: null }),
      ],
      { getStream: (token) => (token === 'live-token' ? live : undefined) },
    );
    expect(markdown).toContain('Half of the ans\n\n_The reply was still being written._');
    expect(markdown).toContain('Partial\n\n_The reply was stopped._');
    expect(markdown).toContain('_The reply failed: The agent is not running._');
    expect(markdown).toContain('four\n\n_This message was not sent._\n');
    // A message that never reached the agent has no Agent section.
    expect(markdown.split('## Agent').length - 1).toBe(3);
  });

  it("keeps the user's Markdown but escapes lines that would break the document's sections", () => {
    const markdown = conversationToMarkdown([
      chatTurn('a', { content: '# Not a section\nA list:\n- item\nUnderlined\n---\n***', stream: finished('t', 'ok') }),
    ]);
    expect(markdown).toContain('\\# Not a section\nA list:\n- item\nUnderlined\n\\---\n\\***');
  });

  it('adds a title, ISO timestamps and translated headings when asked', () => {
    const markdown = conversationToMarkdown(
      [chatTurn('a', { content: 'Bonjour', createdAt: Date.UTC(2026, 11, 2, 9, 30), stream: finished('t', 'Salut') })],
      { title: 'Support\nchat', timestamps: true, labels: { you: 'Vous', agent: 'Agent IA' } },
    );
    expect(markdown.startsWith('# Support chat\n\n## Vous\n\n<sub>2026-12-02T09:30:00.000Z</sub>\n\nBonjour')).toBe(
      true,
    );
    expect(markdown).toContain('## Agent IA\n\nSalut\n');
  });
});
