import { describe, expect, it } from 'vitest';
import { type AgentMessageRecord, createStream, reduceStream } from 'wiro-agent-react/core';
import {
  applyRecord,
  recordAttachments,
  recordStream,
  recordTime,
  statusOfRecord,
  statusOfStream,
} from '../../src/chat/records';

const TOKEN = 'tok-records-0001';

function record(extra: Partial<AgentMessageRecord>): AgentMessageRecord {
  return {
    guid: 'guid-1',
    content: 'What is new?',
    response: '',
    debugoutput: '',
    status: 'agent_queue',
    metadata: {},
    attachments: [],
    deletestatus: 0,
    createdat: '1743350400',
    ...extra,
  };
}

describe('a record as a stream', () => {
  it('a finished reply takes the final progress object: text, thinking and metrics', () => {
    const stream = recordStream(
      record({
        status: 'agent_end',
        response: 'The answer.',
        debugoutput: '<think>Let me see.</think>The answer.',
        metadata: {
          type: 'progressGenerate',
          speed: '14.2',
          elapsedTime: '8.1s',
          tokenCount: 105,
          wordCount: 2,
          raw: '<think>Let me see.</think>The answer.',
          thinking: ['Let me see.'],
          answer: ['The answer.'],
          isThinking: false,
        },
      }),
      TOKEN,
    );
    expect(stream.status).toBe('agent_end');
    expect(stream.isDone).toBe(true);
    expect(stream.answer).toBe('The answer.');
    expect(stream.thinking).toEqual(['Let me see.']);
    expect(stream.metrics).toMatchObject({ speed: 14.2, elapsedMs: 8100, tokenCount: 105 });
    expect(statusOfStream(stream)).toBe('done');
  });

  it('a finished reply without metadata (older rows) is read from debugoutput, think tags split', () => {
    const stream = recordStream(
      record({ status: 'agent_end', debugoutput: '<think>Hmm.</think>Multimodal models combine…', response: 'x' }),
      TOKEN,
    );
    expect(stream.answer).toBe('Multimodal models combine…');
    expect(stream.thinking).toEqual(['Hmm.']);
    expect(stream.metrics.speed).toBeNull();
  });

  it('falls back to response when debugoutput is empty', () => {
    expect(recordStream(record({ status: 'agent_end', response: 'Only here.' }), TOKEN).answer).toBe('Only here.');
  });

  it('metadata the decoder refuses does not cost the reply its text', () => {
    const stream = recordStream(
      record({
        status: 'agent_end',
        debugoutput: 'Kept text',
        metadata: { raw: 'Kept text', answer: [1, 2] as unknown as string[] },
      }),
      TOKEN,
    );
    expect(stream.answer).toBe('Kept text');
    expect(stream.isDone).toBe(true);
  });

  it('a running reply shows the text so far and keeps streaming', () => {
    const stream = recordStream(record({ status: 'agent_output', debugoutput: 'Half an ans' }), TOKEN);
    expect(stream.answer).toBe('Half an ans');
    expect(stream.isStreaming).toBe(true);
    expect(stream.isDone).toBe(false);
    expect(statusOfStream(stream)).toBe('streaming');
  });

  it('a queued reply is queued', () => {
    const stream = recordStream(record({ status: 'agent_queue' }), TOKEN);
    expect(stream.status).toBe('agent_queue');
    expect(statusOfStream(stream)).toBe('queued');
  });

  it('a failed reply shows the sanitised sentence, never the raw runtime error of debugoutput', () => {
    const stream = recordStream(
      record({ status: 'agent_error', debugoutput: 'Bridge timeout at 10.0.0.3:8080' }),
      TOKEN,
    );
    expect(stream.status).toBe('agent_error');
    expect(stream.error?.kind).toBe('agent');
    expect(stream.error?.message).not.toContain('Bridge');
    expect(stream.raw).not.toContain('Bridge');
    expect(statusOfStream(stream)).toBe('error');
  });

  it('a non-answer kept in metadata is a "response" error with its text', () => {
    const stream = recordStream(
      record({ status: 'agent_error', metadata: { raw: '...', answer: ['...'], thinking: [] } }),
      TOKEN,
    );
    expect(stream.error?.kind).toBe('response');
    expect(stream.answer).toBe('...');
  });

  it('a reply cancelled while queued is cancelled with no text (its debugoutput is empty)', () => {
    const stream = recordStream(record({ status: 'agent_cancel' }), TOKEN);
    expect(stream.status).toBe('agent_cancel');
    expect(stream.isDone).toBe(true);
    expect(statusOfStream(stream)).toBe('cancelled');
  });

  it('a reply cancelled mid-stream keeps its partial text, not the abort reason', () => {
    const live = reduceStream(createStream(TOKEN), { type: 'local_subscribing', agenttoken: TOKEN });
    const partial = applyRecord(live, record({ status: 'agent_output', debugoutput: 'Partial answer' }));
    const cancelled = applyRecord(partial, record({ status: 'agent_cancel', debugoutput: 'AbortError' }));
    expect(cancelled.status).toBe('agent_cancel');
    expect(cancelled.answer).toBe('Partial answer');
  });

  it('applying a record that says nothing new returns the same stream', () => {
    const stream = recordStream(record({ status: 'agent_output', debugoutput: 'Same' }), TOKEN, 1);
    expect(applyRecord(stream, record({ status: 'agent_output', debugoutput: 'Same' }), 2)).toBe(stream);
  });

  it('a stale record never shrinks the text (polling and socket can both feed a reply)', () => {
    const ahead = recordStream(record({ status: 'agent_output', debugoutput: 'A longer text from the socket' }), TOKEN);
    expect(applyRecord(ahead, record({ status: 'agent_output', debugoutput: 'A longer' })).answer).toBe(
      'A longer text from the socket',
    );
  });

  it('an unknown status changes nothing (the reply is treated as pending)', () => {
    const stream = createStream(TOKEN);
    expect(applyRecord(stream, record({ status: 'agent_paused' }))).toBe(stream);
  });
});

describe('the status of a finished record', () => {
  it('is what its stream says, for every way a reply ends (so the stream can be built later)', () => {
    const finished = [
      record({ status: 'agent_end', response: 'Done.', debugoutput: 'Done.' }),
      record({ status: 'agent_end', response: '', debugoutput: '', metadata: { raw: 42 } as never }),
      record({ status: 'agent_error', debugoutput: 'Bridge timeout' }),
      record({
        status: 'agent_error',
        metadata: { type: 'progressGenerate', raw: 'No answer.', answer: ['No answer.'], thinking: [] },
      }),
      record({ status: 'agent_cancel', debugoutput: '' }),
      record({ status: 'agent_cancel', debugoutput: 'AbortError' }),
    ];
    for (const r of finished) expect(statusOfRecord(r)).toBe(statusOfStream(recordStream(r, TOKEN)));
    expect(statusOfRecord(record({ status: 'agent_output' }))).toBeNull();
    expect(statusOfRecord(record({ status: 'agent_queue' }))).toBeNull();
  });
});

describe('record fields', () => {
  it('createdat seconds become milliseconds; garbage becomes 0', () => {
    expect(recordTime('1743350400')).toBe(1_743_350_400_000);
    expect(recordTime(1_743_350_400_000)).toBe(1_743_350_400_000);
    expect(recordTime('')).toBe(0);
    expect(recordTime('soon')).toBe(0);
    expect(recordTime(undefined)).toBe(0);
  });

  it('attachments keep name, type, size and url; malformed ones are skipped', () => {
    const attachments = recordAttachments({
      attachments: [
        { url: 'https://cdn.example/a/report.pdf', name: '', type: 'application/pdf', size: 2048 },
        { url: 'https://cdn.example/b.png', name: 'b.png', type: 'image/png', size: null },
        'junk' as never,
      ],
    });
    expect(attachments).toEqual([
      { name: 'report.pdf', type: 'application/pdf', size: 2048, url: 'https://cdn.example/a/report.pdf' },
      { name: 'b.png', type: 'image/png', size: null, url: 'https://cdn.example/b.png' },
    ]);
  });
});
