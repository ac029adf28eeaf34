/**
 * A store of values by key (agent streams by agenttoken; later task streams by tasktoken) whose cost
 * follows what changed: a change to key A touches A's entry and notifies A's listeners only, and a
 * publish of k changed keys costs O(k) whatever the number of keys held.
 *
 * Whole-store snapshots (`Record<key, value>`, for devtools and the legacy `getState().streams`) are
 * built only when read. Once a version has been handed out, each later publish remembers the values it
 * replaced, so that version still reads exactly as it was published, with no copy made at publish time.
 * @packageDocumentation
 */

/** Called when a key's value changed, with the new value (the store's `absent` value once it was removed). */
export type KeyListener<V> = (value: V) => void;

/** One published version of a {@link KeyedStore}. */
export interface KeyedVersion<V> {
  /** The whole store as it was at this version: a frozen, null-prototype record, built on first read. */
  record(): Readonly<Record<string, V>>;
}

/** See the module documentation. Created with {@link createKeyedStore}. */
export interface KeyedStore<V> {
  /** The current value of `key` (staged changes included). */
  get(key: string): V | undefined;
  /** Every key with a value. */
  keys(): IterableIterator<string>;
  /** Stage a new value; its listeners hear of it at the next {@link KeyedStore.publish}. */
  set(key: string, value: V): void;
  /** Stage a removal; returns `false` when the key had no value. */
  delete(key: string): boolean;
  /**
   * Make the staged changes the published version and call the listeners of each changed key, once
   * each. Returns `false` (and calls nobody) when nothing was staged. A throwing listener never stops
   * the others: its error is rethrown on a later microtask, where it shows as an uncaught error.
   */
  publish(): boolean;
  /** Follow one key; returns the function that stops following it (calling it twice is harmless). */
  watch(key: string, listener: KeyListener<V>): () => void;
  /** The published version (the same object until the next publish). */
  version(): KeyedVersion<V>;
}

/** Older versions that stay readable before one of them is materialised, bounding what a held version keeps. */
const LINKS_PER_MATERIALISATION = 256;

/**
 * Create an empty {@link KeyedStore}. `absent(key)` is what listeners of a removed key receive (the
 * socket passes its idle stream), so a listener is stored as given, with no wrapper per watch.
 */
export function createKeyedStore<V>(absent: (key: string) => V): KeyedStore<V> {
  const values = new Map<string, V>();
  // One listener is the common case (one component per reply): stored bare, an array only from the
  // second. Arrays are replaced, never changed in place, so a listener may stop watching during a call.
  const listeners = new Map<string, KeyListener<V> | readonly KeyListener<V>[]>();
  /** Keys changed since the last publish, with the value they had at it. */
  let pending = new Map<string, V | undefined>();
  /** The published version's link, once it was handed out. */
  let head: Link<V> | null = null;
  /** The newest link, weakly: while anyone holds an older version, the chain must go on. */
  let last: WeakRef<Link<V>> | null = null;
  let linksSinceRecord = 0;
  const context: LinkContext<V> = { values, pending: () => pending };

  function stage(key: string): void {
    if (!pending.has(key)) pending.set(key, values.get(key));
  }

  function notify(key: string): void {
    const entry = listeners.get(key);
    if (entry === undefined) return;
    const value = values.get(key);
    const current = value === undefined ? absent(key) : value;
    if (typeof entry === 'function') return call(entry, current);
    for (const listener of entry) call(listener, current);
  }

  return {
    get: (key) => values.get(key),
    keys: () => values.keys(),
    set(key, value) {
      stage(key);
      values.set(key, value);
    },
    delete(key) {
      if (!values.has(key)) return false;
      stage(key);
      values.delete(key);
      return true;
    },
    publish() {
      if (pending.size === 0) return false;
      const changed = pending;
      pending = new Map();
      // The version being replaced keeps what changed, if it (or an older one) can still be read.
      let link = head;
      const previous = last?.deref();
      if (link === null && previous !== undefined) {
        link = new Link(context);
        previous.setNext(link);
      }
      head = null;
      if (link !== null) {
        link.changes = changed;
        last = new WeakRef(link);
        if (++linksSinceRecord >= LINKS_PER_MATERIALISATION) {
          linksSinceRecord = 0;
          link.record(); // a held old version now stops at this link instead of keeping every later one
        }
      } else {
        last = null;
      }
      for (const key of changed.keys()) notify(key);
      return true;
    },
    watch(key, listener) {
      const entry = listeners.get(key);
      if (entry === undefined) listeners.set(key, listener);
      else listeners.set(key, typeof entry === 'function' ? [entry, listener] : [...entry, listener]);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        const current = listeners.get(key);
        if (current === listener) {
          listeners.delete(key);
        } else if (current !== undefined && typeof current !== 'function') {
          // One watch, one entry: the same function watched twice stays watched once.
          const at = current.indexOf(listener);
          if (at === -1) return;
          const rest = [...current.slice(0, at), ...current.slice(at + 1)];
          listeners.set(key, rest.length === 1 ? (rest[0] as KeyListener<V>) : rest);
        }
      };
    },
    version() {
      if (head === null) {
        head = new Link(context);
        last?.deref()?.setNext(head);
        last = new WeakRef(head);
      }
      return head;
    },
  };
}

interface LinkContext<V> {
  values: ReadonlyMap<string, V>;
  /** Changes staged since the last publish (not part of any published version). */
  pending(): ReadonlyMap<string, V | undefined>;
}

/**
 * One published version as a link in a chain. `changes` holds, for each key the next publish changed,
 * the value this version had; `next` is the next version's link. Reading walks forward to a link that
 * knows its record (or to the live map), then puts replaced values back, oldest link first. Links never
 * point back, so a version nobody holds is garbage with everything it remembered.
 */
class Link<V> implements KeyedVersion<V> {
  changes: ReadonlyMap<string, V | undefined> | null = null;
  next: Link<V> | null = null;
  #record: Readonly<Record<string, V>> | null = null;

  constructor(private readonly context: LinkContext<V>) {}

  setNext(link: Link<V>): void {
    if (this.#record === null) this.next = link;
  }

  record(): Readonly<Record<string, V>> {
    if (this.#record !== null) return this.#record;
    const chain: Link<V>[] = [this];
    let base: Readonly<Record<string, V>> | null = null;
    for (let link = this.next; link !== null; link = link.next) {
      if (link.#record !== null) {
        base = link.#record;
        break;
      }
      chain.push(link);
    }
    const record = Object.create(null) as Record<string, V>;
    if (base === null) for (const [key, value] of this.context.values) record[key] = value;
    else Object.assign(record, base);
    const restored = new Set<string>();
    const restore = (changes: ReadonlyMap<string, V | undefined>): void => {
      for (const [key, value] of changes) {
        if (restored.has(key)) continue;
        restored.add(key);
        if (value === undefined) delete record[key];
        else record[key] = value;
      }
    };
    for (const link of chain) if (link.changes !== null) restore(link.changes);
    // Built from the live map: changes staged after the last publish are not part of any version.
    if (base === null) restore(this.context.pending());
    this.#record = Object.freeze(record);
    // Readable on its own now: later links need not be kept for this version's sake.
    this.next = null;
    return this.#record;
  }
}

function call<V>(listener: KeyListener<V>, value: V): void {
  try {
    listener(value);
  } catch (error) {
    rethrowLater(error);
  }
}

/** Surface a listener's error without letting it interrupt the publish that called it. */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
