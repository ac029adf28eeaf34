/**
 * The keyed store under the socket (issue 12): per-key notifications, publishes that cost what changed,
 * and whole-store snapshots built lazily that still read exactly as they were published.
 */
import { describe, expect, it, vi } from 'vitest';
import { createKeyedStore } from '../../src/store/keyed';

describe('createKeyedStore', () => {
  it('notifies only the listeners of the keys that changed, once per publish', () => {
    const store = createKeyedStore<number>(() => -1);
    const seen: string[] = [];
    store.watch('a', (v) => seen.push(`a=${v}`));
    store.watch('b', (v) => seen.push(`b=${v}`));
    store.set('a', 1);
    store.set('a', 2);
    store.set('c', 3);
    expect(seen).toEqual([]);
    expect(store.publish()).toBe(true);
    expect(seen).toEqual(['a=2']);
    expect(store.publish()).toBe(false);
    store.delete('a');
    store.publish();
    expect(seen).toEqual(['a=2', 'a=-1']);
  });

  it('keeps several listeners per key, each released on its own, and survives a throwing one', () => {
    const later: (() => void)[] = [];
    vi.stubGlobal('queueMicrotask', (task: () => void) => later.push(task));
    try {
      const store = createKeyedStore<string>(() => 'absent');
      const one = vi.fn();
      const two = vi.fn();
      const stopOne = store.watch('k', one);
      store.watch('k', () => {
        throw new Error('listener bug');
      });
      store.watch('k', two);
      store.set('k', 'x');
      store.publish();
      expect(one).toHaveBeenCalledWith('x');
      expect(two).toHaveBeenCalledWith('x');
      // The error is not swallowed: it is rethrown on a later microtask.
      expect(later).toHaveLength(1);
      expect(later[0]).toThrow('listener bug');
      stopOne();
      stopOne();
      store.set('k', 'y');
      store.publish();
      expect(one).toHaveBeenCalledTimes(1);
      expect(two).toHaveBeenCalledTimes(2);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a listener may stop watching while it is called, and a function watched twice stays watched once', () => {
    const store = createKeyedStore<number>(() => -1);
    const calls: string[] = [];
    const stops: (() => void)[] = [];
    stops.push(
      store.watch('k', () => {
        calls.push('first');
        stops[0]?.();
      }),
    );
    store.watch('k', () => calls.push('second'));
    const same = (): void => void calls.push('same');
    const stopSame = store.watch('k', same);
    store.watch('k', same);
    store.set('k', 1);
    store.publish();
    expect(calls).toEqual(['first', 'second', 'same', 'same']);
    stopSame();
    calls.length = 0;
    store.set('k', 2);
    store.publish();
    expect(calls).toEqual(['second', 'same']);
  });

  it('reads a published version as it was, even after later publishes and deletes', () => {
    const store = createKeyedStore<number>(() => -1);
    store.set('a', 1);
    store.set('b', 2);
    store.publish();
    const v1 = store.version();
    store.set('a', 10);
    store.delete('b');
    store.set('c', 3);
    store.publish();
    const v2 = store.version();
    store.set('a', 100);
    // Staged, not published: no version shows it.
    expect({ ...v1.record() }).toEqual({ a: 1, b: 2 });
    expect({ ...v2.record() }).toEqual({ a: 10, c: 3 });
    store.publish();
    expect({ ...store.version().record() }).toEqual({ a: 100, c: 3 });
    expect(v1.record()).toBe(v1.record());
  });

  it('keeps old versions exact across many publishes (materialised links included)', () => {
    const store = createKeyedStore<number>(() => -1);
    const versions: { version: ReturnType<typeof store.version>; expected: Record<string, number> }[] = [];
    const model: Record<string, number> = {};
    for (let i = 0; i < 700; i++) {
      const key = `k${i % 37}`;
      if (i % 11 === 0) {
        store.delete(key);
        delete model[key];
      } else {
        store.set(key, i);
        model[key] = i;
      }
      store.publish();
      if (i % 50 === 0) versions.push({ version: store.version(), expected: { ...model } });
    }
    for (const { version, expected } of versions) expect({ ...version.record() }).toEqual(expected);
  });

  it('snapshots have no prototype: a key named like an Object.prototype member is just a key', () => {
    const store = createKeyedStore<number>(() => -1);
    const record = store.version().record();
    expect(record.constructor).toBeUndefined();
    expect('toString' in record).toBe(false);
    store.set('__proto__', 1);
    store.set('constructor', 2);
    store.publish();
    const next = store.version().record();
    expect(Object.keys(next).sort()).toEqual(['__proto__', 'constructor']);
    expect(next.constructor).toBe(2);
    expect(Object.isFrozen(next)).toBe(true);
    expect(({} as { constructor: unknown }).constructor).toBe(Object);
  });

  it('a publish builds no snapshot: its cost follows the changes, not the keys held', () => {
    const store = createKeyedStore<number>(() => -1);
    for (let i = 0; i < 10_000; i++) store.set(`k${i}`, i);
    store.publish();
    const freeze = vi.spyOn(Object, 'freeze');
    try {
      for (let i = 0; i < 100; i++) {
        store.set('k1', -i);
        store.publish();
      }
      // Even with a version handed out, publishing only links changes; the record is built when read.
      const held = store.version();
      for (let i = 0; i < 100; i++) {
        store.set('k2', -i);
        store.publish();
      }
      expect(freeze).not.toHaveBeenCalled();
      expect(held.record().k2).toBe(2);
      expect(freeze).toHaveBeenCalledTimes(1);
    } finally {
      freeze.mockRestore();
    }
  });
});
