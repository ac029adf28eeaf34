import { describe, expect, it } from 'vitest';
import { parseFeedback } from '../../src/chat/feedback';
import { chatReducer, INITIAL_CHAT_STATE, type ChatAction, type ChatState } from '../../src/chat/state';
import { rowKey, visibleTurns } from '../../src/chat/view';
import { chatTurn } from '../support/chat-fixtures';

const run = (...actions: ChatAction[]): ChatState => actions.reduce(chatReducer, INITIAL_CHAT_STATE);
const shown = (state: ChatState) => visibleTurns(state).map((t) => t.id);

describe('versions of the last turn', () => {
  const base = [
    { type: 'add', turn: chatTurn('a', { messageguid: 'ga' }) },
    { type: 'add', turn: chatTurn('b', { messageguid: 'gb' }) },
  ] as const satisfies ChatAction[];

  it('a new version takes the old one’s place; every turn stays in the state, as Wiro stores them', () => {
    const state = run(...base, { type: 'add-version', turn: chatTurn('b2'), of: 'b' });
    expect(state.turns.map((t) => t.id)).toEqual(['a', 'b', 'b2']);
    expect(shown(state)).toEqual(['a', 'b2']);
    expect(visibleTurns(state)[1]?.versions).toEqual({ index: 1, count: 2, ids: ['b', 'b2'] });
    expect(visibleTurns(state)[0]?.versions).toBeUndefined();
  });

  it('a third version joins the same group, whichever version it was made from', () => {
    let state = run(...base, { type: 'add-version', turn: chatTurn('b2'), of: 'b' });
    state = chatReducer(state, { type: 'show-version', id: 'b' });
    expect(shown(state)).toEqual(['a', 'b']);
    state = chatReducer(state, { type: 'add-version', turn: chatTurn('b3'), of: 'b' });
    expect(shown(state)).toEqual(['a', 'b3']);
    expect(visibleTurns(state)[1]?.versions).toEqual({ index: 2, count: 3, ids: ['b', 'b2', 'b3'] });
    // Every version has the same row key, so the row is updated in place.
    expect(
      new Set(
        ['b', 'b2', 'b3'].map((id) =>
          rowKey({ ...chatTurn(id), versions: { index: 0, count: 3, ids: ['b', 'b2', 'b3'] } }),
        ),
      ),
    ).toEqual(new Set(['b']));
  });

  it('showing an unknown turn, or the one shown, changes nothing', () => {
    const state = run(...base, { type: 'add-version', turn: chatTurn('b2'), of: 'b' });
    expect(chatReducer(state, { type: 'show-version', id: 'b2' })).toBe(state);
    expect(chatReducer(state, { type: 'show-version', id: 'zz' })).toBe(state);
    expect(chatReducer(state, { type: 'add-version', turn: chatTurn('c'), of: 'missing' })).toBe(state);
  });

  it('the view is the state’s own list while nothing is hidden or rated, and decorated turns keep their identity', () => {
    const plain = run(...base);
    expect(visibleTurns(plain)).toBe(plain.turns);
    const versioned = run(...base, { type: 'add-version', turn: chatTurn('b2'), of: 'b' });
    const first = visibleTurns(versioned);
    // Another change elsewhere (an error banner) gives the same turn objects.
    const again = visibleTurns(chatReducer(versioned, { type: 'error', error: { kind: 'poll', message: 'x' } }));
    expect(again[1]).toBe(first[1]);
  });
});

describe('ratings', () => {
  it('are kept by message GUID and shown on the turn; ratings read later never override newer ones', () => {
    let state = run(
      { type: 'add', turn: chatTurn('a', { messageguid: 'ga' }) },
      { type: 'feedback', messageguid: 'ga', feedback: { value: 'up', comment: '' } },
    );
    expect(visibleTurns(state)[0]?.feedback).toEqual({ value: 'up', comment: '' });
    state = chatReducer(state, {
      type: 'feedback-loaded',
      entries: new Map([
        ['ga', { value: 'down', comment: 'old' }],
        ['gz', { value: 'down', comment: '' }],
      ]),
    });
    expect(state.feedback.get('ga')).toEqual({ value: 'up', comment: '' });
    expect(state.feedback.get('gz')).toEqual({ value: 'down', comment: '' });
  });

  it('stored ratings are read leniently: anything malformed is skipped', () => {
    const raw = JSON.stringify({
      v: 1,
      entries: [['g1', 'up', 'nice'], ['g2', 'down'], ['g3', 'meh', ''], [42, 'up'], 'junk', ['g4', 'up', 7]],
    });
    expect([...parseFeedback(raw)]).toEqual([
      ['g1', { value: 'up', comment: 'nice' }],
      ['g2', { value: 'down', comment: '' }],
      ['g4', { value: 'up', comment: '' }],
    ]);
    for (const bad of [null, undefined, '', '{', '[]', '{"entries":5}']) expect(parseFeedback(bad).size).toBe(0);
  });
});
