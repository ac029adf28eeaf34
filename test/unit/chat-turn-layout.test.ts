import { describe, expect, it } from 'vitest';
import { recordStream } from '../../src/chat/records';
import { estimateTurnHeight, flowRun, mountedIndexes } from '../../src/components/chat/turn-layout';
import { chatTurn } from '../support/chat-fixtures';

const withAnswer = (answer: string) =>
  chatTurn('t', {
    stream: recordStream(
      {
        guid: 't',
        content: 'q',
        response: answer,
        debugoutput: answer,
        status: 'agent_end',
        metadata: {},
        attachments: [],
        deletestatus: 0,
        createdat: '1',
      },
      'message:t',
    ),
  });

describe('the virtualised list: sizes before measuring', () => {
  it('a longer answer or question is estimated taller, and every turn has a height', () => {
    const short = estimateTurnHeight(withAnswer('Yes.'));
    const long = estimateTurnHeight(withAnswer('A long answer. '.repeat(100)));
    const lines = estimateTurnHeight(withAnswer('one\ntwo\nthree\nfour\nfive\nsix'));
    expect(short).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(short);
    expect(lines).toBeGreaterThan(short);
    expect(estimateTurnHeight(chatTurn('q', { content: 'x'.repeat(400) }))).toBeGreaterThan(
      estimateTurnHeight(chatTurn('q', { content: 'x' })),
    );
  });

  it('a huge answer costs no more to estimate than its first 20,000 characters, and still grows the guess', () => {
    const huge = estimateTurnHeight(withAnswer('word '.repeat(200_000)));
    expect(huge).toBeGreaterThan(estimateTurnHeight(withAnswer('word '.repeat(4_000))));
  });
});

describe('the virtualised list: which rows are mounted', () => {
  it('the range plus pinned rows anywhere, sorted and once each, inside the list', () => {
    expect(mountedIndexes([40, 41, 42, 43], [], 100)).toEqual([40, 41, 42, 43]);
    expect(mountedIndexes([40, 41, 42, 43], [99, 2, 41, 150, -1], 100)).toEqual([2, 40, 41, 42, 43, 99]);
  });

  it('lays the longest run of neighbours out in flow; pinned rows far away are not part of it', () => {
    const items = [2, 40, 41, 42, 43, 99].map((index) => ({ index }));
    expect(flowRun(items)).toEqual({ first: { index: 40 }, last: { index: 43 } });
    expect(flowRun([])).toEqual({});
    expect(flowRun([{ index: 5 }])).toEqual({ first: { index: 5 }, last: { index: 5 } });
  });
});
