import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryChatStorage, sessionChatStorage, type PendingTurn } from 'wiro-agent-react';
import { parsePending, pendingKey, serializePending } from '../../src/chat/pending-store';

const turn = (guid: string, extra: Partial<PendingTurn> = {}): PendingTurn => ({
  agenttoken: `tok-${guid}`,
  messageguid: guid,
  content: `question ${guid}`,
  createdAt: 1_700_000_000_000,
  ...extra,
});

describe('pending turns serialisation', () => {
  it('round-trips turns, attachments included', () => {
    const turns = [
      turn('a'),
      turn('b', { attachments: [{ name: 'cat.png', type: 'image/png', size: 10, url: null }] }),
    ];
    expect(parsePending(serializePending(turns))).toEqual(turns);
  });

  it('removes the key when nothing is pending', () => {
    expect(serializePending([])).toBeNull();
  });

  it('reads garbage as nothing pending instead of throwing', () => {
    for (const value of [null, undefined, '', 'not json', '[]', '{"turns":5}', 'null', '"text"']) {
      expect(parsePending(value)).toEqual([]);
    }
  });

  it('drops entries without a token or GUID, and duplicates, keeping the rest', () => {
    const value = JSON.stringify({
      v: 1,
      turns: [
        { messageguid: 'no-token', content: 'x', createdAt: 1 },
        { agenttoken: 'tok', messageguid: '', content: 'x', createdAt: 1 },
        'junk',
        { agenttoken: 'tok-ok', messageguid: 'ok', content: 42, createdAt: 'yesterday' },
        { agenttoken: 'tok-ok-2', messageguid: 'ok', content: 'dup', createdAt: 2 },
      ],
    });
    expect(parsePending(value)).toEqual([{ agenttoken: 'tok-ok', messageguid: 'ok', content: '', createdAt: 0 }]);
  });
});

describe('pendingKey', () => {
  it('keeps agent and session apart, whatever they contain', () => {
    expect(pendingKey('a:b', 'c')).not.toBe(pendingKey('a', 'b:c'));
    expect(pendingKey('agent', 'default')).toBe(pendingKey('agent', 'default'));
    expect(pendingKey('agent', 's1')).not.toBe(pendingKey('agent', 's2'));
  });
});

describe('storages', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('memory storage saves, loads and removes', () => {
    const storage = memoryChatStorage();
    void storage.save('k', 'v');
    expect(storage.load('k')).toBe('v');
    void storage.save('k', null);
    expect(storage.load('k')).toBeNull();
  });

  it('session storage finds nothing and saves nothing where there is no sessionStorage (server)', () => {
    const storage = sessionChatStorage();
    expect(() => storage.save('k', 'v')).not.toThrow();
    expect(storage.load('k')).toBeNull();
  });

  it('session storage uses the global sessionStorage when there is one', () => {
    const backing = new Map<string, string>();
    vi.stubGlobal('sessionStorage', {
      getItem: (k: string) => backing.get(k) ?? null,
      setItem: (k: string, v: string) => backing.set(k, v),
      removeItem: (k: string) => backing.delete(k),
    });
    const storage = sessionChatStorage();
    void storage.save('k', 'v');
    expect(backing.get('k')).toBe('v');
    expect(storage.load('k')).toBe('v');
    void storage.save('k', null);
    expect(backing.has('k')).toBe(false);
  });

  it('session storage treats a blocked sessionStorage (SecurityError on access) as none', () => {
    Object.defineProperty(globalThis, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    try {
      const storage = sessionChatStorage();
      expect(storage.load('k')).toBeNull();
      expect(() => storage.save('k', 'v')).not.toThrow();
    } finally {
      delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
    }
  });
});
