import { describe, expect, it } from 'vitest';
import { chatReducer, INITIAL_CHAT_STATE, type ChatState } from '../../src/chat/state';
import { chatTurn } from '../support/chat-fixtures';
import { chatStatus } from '../../src/chat/use-agent-chat';

const turn = chatTurn;

const ids = (state: ChatState) => state.turns.map((t) => t.id);

describe('chatReducer: history pages', () => {
  it('shows the first page, and older pages before it', () => {
    let state = chatReducer(INITIAL_CHAT_STATE, {
      type: 'history-page',
      turns: [turn('g3'), turn('g4')],
      hasmore: true,
      older: false,
    });
    expect(ids(state)).toEqual(['g3', 'g4']);
    expect(state.hasOlder).toBe(true);
    expect(state.isLoadingHistory).toBe(false);
    state = chatReducer(state, { type: 'history-page', turns: [turn('g1'), turn('g2')], hasmore: false, older: true });
    expect(ids(state)).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(state.hasOlder).toBe(false);
  });

  it("a row for a turn already held (sent here) takes that turn, token and local id, to the row's place", () => {
    const local = turn('local-1', { messageguid: 'g2', agenttoken: 'tok', status: 'streaming', origin: 'local' });
    let state = chatReducer(INITIAL_CHAT_STATE, { type: 'add', turn: local });
    state = chatReducer(state, {
      type: 'history-page',
      turns: [turn('g1'), turn('g2', { status: 'streaming' }), turn('g3')],
      hasmore: false,
      older: false,
    });
    expect(ids(state)).toEqual(['g1', 'local-1', 'g3']);
    expect(state.turns[1]).toBe(local);
  });

  it('turns no row names (sent after the page was read) stay after it', () => {
    let state = chatReducer(INITIAL_CHAT_STATE, {
      type: 'add',
      turn: turn('local-1', { messageguid: null, status: 'sending', origin: 'local' }),
    });
    state = chatReducer(state, { type: 'history-page', turns: [turn('g1')], hasmore: false, older: false });
    expect(ids(state)).toEqual(['g1', 'local-1']);
  });

  it("a resumed turn takes the row's server details (attachment URLs, time) and keeps its token", () => {
    const resumed = turn('g1', { origin: 'resumed', agenttoken: 'tok', status: 'queued', createdAt: 5 });
    let state = chatReducer(INITIAL_CHAT_STATE, { type: 'add', turn: resumed });
    state = chatReducer(state, {
      type: 'history-page',
      turns: [
        turn('g1', {
          createdAt: 9,
          attachments: [{ name: 'a.png', type: 'image/png', size: 1, url: 'https://x/a.png' }],
        }),
      ],
      hasmore: false,
      older: false,
    });
    expect(state.turns).toHaveLength(1);
    expect(state.turns[0]).toMatchObject({ agenttoken: 'tok', createdAt: 9, origin: 'resumed' });
    expect(state.turns[0]?.attachments[0]?.url).toBe('https://x/a.png');
  });

  it('an older page never lists a turn twice', () => {
    let state = chatReducer(INITIAL_CHAT_STATE, {
      type: 'history-page',
      turns: [turn('g2'), turn('g3')],
      hasmore: true,
      older: false,
    });
    state = chatReducer(state, { type: 'history-page', turns: [turn('g1'), turn('g2')], hasmore: false, older: true });
    expect(ids(state)).toEqual(['g1', 'g2', 'g3']);
  });

  it('a failed first page leaves "load older" on, to retry it', () => {
    const state = chatReducer(INITIAL_CHAT_STATE, { type: 'history-failed' });
    expect(state.hasOlder).toBe(true);
    expect(state.isLoadingHistory).toBe(false);
    expect(state.historyLoaded).toBe(false);
  });
});

describe('chatReducer: turns', () => {
  it("updates keep the other turns' identity, and an update that changes nothing keeps the state", () => {
    let state = chatReducer(INITIAL_CHAT_STATE, { type: 'add', turn: turn('a') });
    state = chatReducer(state, { type: 'add', turn: turn('b') });
    const before = state;
    const next = chatReducer(state, { type: 'update', id: 'a', patch: { status: 'error' } });
    expect(next.turns[1]).toBe(before.turns[1]);
    expect(next.turns[0]?.status).toBe('error');
    expect(chatReducer(next, { type: 'update', id: 'a', patch: { status: 'error' } })).toBe(next);
  });

  it('statuses from the socket reach socket-followed turns only, and never a turn still sending', () => {
    let state = chatReducer(INITIAL_CHAT_STATE, {
      type: 'add',
      turn: turn('live', { agenttoken: 't1', status: 'queued' }),
    });
    state = chatReducer(state, {
      type: 'add',
      turn: turn('held', { agenttoken: 't2', status: 'queued', stream: {} as never }),
    });
    state = chatReducer(state, { type: 'add', turn: turn('sending', { agenttoken: 't3', status: 'sending' }) });
    state = chatReducer(state, {
      type: 'statuses',
      byToken: new Map([
        ['t1', 'streaming'],
        ['t2', 'done'],
        ['t3', 'done'],
      ]),
    });
    expect(state.turns.map((t) => t.status)).toEqual(['streaming', 'queued', 'sending']);
  });

  it('a finished turn is no longer "cancel requested"', () => {
    let state = chatReducer(INITIAL_CHAT_STATE, {
      type: 'add',
      turn: turn('a', { agenttoken: 't', status: 'streaming', cancelRequested: true }),
    });
    state = chatReducer(state, { type: 'statuses', byToken: new Map([['t', 'cancelled']]) });
    expect(state.turns[0]).toMatchObject({ status: 'cancelled', cancelRequested: false });
  });
});

describe('chatStatus', () => {
  it('is loading only before the first page and with nothing to show', () => {
    expect(chatStatus(INITIAL_CHAT_STATE)).toBe('loading');
    const loaded = chatReducer(INITIAL_CHAT_STATE, { type: 'history-page', turns: [], hasmore: false, older: false });
    expect(chatStatus(loaded)).toBe('idle');
  });

  it('is streaming while any reply runs, else sending while a Send is in flight', () => {
    let state = chatReducer(INITIAL_CHAT_STATE, {
      type: 'history-page',
      turns: [turn('g1')],
      hasmore: false,
      older: false,
    });
    state = chatReducer(state, { type: 'add', turn: turn('s', { status: 'sending' }) });
    expect(chatStatus(state)).toBe('sending');
    state = chatReducer(state, { type: 'add', turn: turn('q', { status: 'queued' }) });
    expect(chatStatus(state)).toBe('streaming');
  });
});
