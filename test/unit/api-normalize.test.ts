import { describe, expect, it } from 'vitest';
import {
  parseAttachments,
  parseErrors,
  parseHistoryPage,
  parseMessageRecord,
  parseMetadata,
  parseSessions,
} from '../../src/api/normalize';

const docMetadata = {
  type: 'progressGenerate',
  task: 'Generate',
  speed: '14.2',
  speedType: 'words/s',
  elapsedTime: '8.1s',
  tokenCount: 105,
  wordCount: 118,
  raw: 'Here are the key AI trends for 2026...',
  thinking: [],
  answer: ['Here are the key AI trends for 2026...'],
  isThinking: false,
};

describe('parseMetadata', () => {
  it('keeps the documented progress object as sent', () => {
    expect(parseMetadata(docMetadata)).toEqual(docMetadata);
  });

  it('parses metadata that arrives as a JSON string', () => {
    expect(parseMetadata(JSON.stringify(docMetadata))).toEqual(docMetadata);
  });

  it('falls back to {} for garbage, empty strings, arrays, null and JSON non-objects', () => {
    for (const bad of ['{not json', '', '   ', '[1,2]', '42', 'null', null, undefined, [1], 7, true]) {
      expect(parseMetadata(bad)).toEqual({});
    }
  });

  it('drops mistyped known fields and keeps unknown ones', () => {
    const out = parseMetadata({
      raw: 5,
      thinking: ['a', 3],
      isThinking: 'no',
      speed: {},
      tokenCount: '12',
      extra: 'kept',
    });
    expect(out).toEqual({ tokenCount: 12, extra: 'kept' });
  });
});

describe('parseAttachments', () => {
  const file = { url: 'https://cdn.wiro.ai/a.png', name: 'a.png', type: 'image/png', size: 1234 };

  it('keeps resolved files, from an array or a JSON string', () => {
    expect(parseAttachments([file])).toEqual([file]);
    expect(parseAttachments(JSON.stringify([file]))).toEqual([file]);
  });

  it('falls back to [] for garbage and drops entries without a url', () => {
    expect(parseAttachments('[oops')).toEqual([]);
    expect(parseAttachments({ url: 'x' })).toEqual([]);
    expect(parseAttachments([null, 'x', { name: 'no-url' }, { url: 'u', size: 'big' }])).toEqual([
      { url: 'u', name: '', type: '', size: null },
    ]);
  });
});

describe('parseMessageRecord', () => {
  const docDetail = {
    guid: 'c3d4e5f6',
    uuid: 'user-uuid',
    sessionkey: 'default',
    content: 'What are the latest trends in AI?',
    response: 'Here are the key AI trends',
    debugoutput: 'Here are the key AI trends',
    status: 'agent_end',
    metadata: docMetadata,
    attachments: [],
    deletestatus: 0,
    createdat: '1743350400',
    startedat: '1743350401',
    endedat: '1743350408',
  };

  it('returns the documented Detail data with wire names and documented types', () => {
    expect(parseMessageRecord(docDetail)).toEqual(docDetail);
  });

  it('keeps documented string timestamps as strings even when numbers arrive', () => {
    const record = parseMessageRecord({ ...docDetail, createdat: 1743350400, endedat: '', deletestatus: '0' });
    expect(record?.createdat).toBe('1743350400');
    expect(record?.endedat).toBe('');
    expect(record?.deletestatus).toBe(0);
  });

  it('parses string-encoded metadata and attachments inside a record', () => {
    const record = parseMessageRecord({ ...docDetail, metadata: '{}', attachments: 'garbage' });
    expect(record?.metadata).toEqual({});
    expect(record?.attachments).toEqual([]);
  });

  it('refuses a record without guid or status, and fills missing texts with ""', () => {
    expect(parseMessageRecord({ ...docDetail, guid: undefined })).toBeNull();
    expect(parseMessageRecord({ ...docDetail, status: 3 })).toBeNull();
    expect(parseMessageRecord('x')).toBeNull();
    const sparse = parseMessageRecord({ guid: 'g', status: 'agent_queue', response: null });
    expect(sparse).toMatchObject({
      content: '',
      response: '',
      debugoutput: '',
      metadata: {},
      attachments: [],
      createdat: '',
    });
    expect(sparse && 'endedat' in sparse).toBe(false);
  });
});

describe('parseHistoryPage and parseSessions', () => {
  it('keeps the page shape and skips unreadable rows', () => {
    const page = parseHistoryPage({
      messages: [{ guid: 'a', status: 'agent_end' }, { nope: true }, { guid: 'b', status: 'agent_queue' }],
      count: 3,
      hasmore: true,
    });
    expect(page?.messages.map((m) => m.guid)).toEqual(['a', 'b']);
    expect(page?.count).toBe(3);
    expect(page?.hasmore).toBe(true);
  });

  it('refuses a page without a messages array', () => {
    expect(parseHistoryPage({ count: 1 })).toBeNull();
    expect(parseHistoryPage(undefined)).toBeNull();
  });

  it('parses session counts and times (sent as strings) into numbers, newest first', () => {
    expect(
      parseSessions({
        sessions: [
          { sessionkey: 'old', messagecount: '3', updatedat: '1743340000', lastmessage: 'Earlier' },
          { x: 1 },
          { sessionkey: 'default', messagecount: 24, updatedat: '1743350400', lastmessage: 'Hi' },
          { sessionkey: 'odd', messagecount: 'many', updatedat: 'soon' },
          { sessionkey: 'mid', messagecount: '8', updatedat: 1743349200, lastmessage: 'Reset?' },
        ],
      }),
    ).toEqual([
      { sessionkey: 'default', messagecount: 24, updatedat: 1743350400, lastmessage: 'Hi' },
      { sessionkey: 'mid', messagecount: 8, updatedat: 1743349200, lastmessage: 'Reset?' },
      { sessionkey: 'old', messagecount: 3, updatedat: 1743340000, lastmessage: 'Earlier' },
      // Unreadable times sort last; an unreadable count is 0.
      { sessionkey: 'odd', messagecount: 0, updatedat: null, lastmessage: '' },
    ]);
    expect(parseSessions({})).toBeNull();
  });
});

describe('parseErrors', () => {
  it('reads {code, message} objects and plain strings, ignoring junk', () => {
    expect(parseErrors([{ code: 3, message: 'Agent not running' }, 'plain', 5, null])).toEqual([
      { code: 3, message: 'Agent not running' },
      { message: 'plain' },
    ]);
    expect(parseErrors('nope')).toEqual([]);
  });
});
