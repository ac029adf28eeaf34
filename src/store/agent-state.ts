import { createKeyedStore, rethrowLater, type KeyedStore, type KeyedVersion } from './keyed.js';
import { IDLE_CONNECTION } from './store.js';
import type { AgentStoreState, AgentStream, ConnectionState, ReadonlyStore } from './types.js';

/** Listener of the whole-store view: the new state and the one before it. */
type StateListener = (state: AgentStoreState, previousState: AgentStoreState) => void;

/**
 * What one socket knows: streams by agenttoken (a {@link KeyedStore}), the connection state, and the
 * read-only whole-store view `socket.store` built on top of both.
 *
 * Writers stage stream changes on `streams` and call {@link AgentState.publishStreams}; the connection
 * changes through {@link AgentState.setConnection}. Each notifies only who asked: a token's watchers,
 * the connection's watchers, and whoever subscribed to the whole store (who is told of everything).
 */
export interface AgentState {
  readonly streams: KeyedStore<AgentStream>;
  connection(): ConnectionState;
  /** Replace the connection state and tell its watchers and the whole-store listeners. */
  setConnection(next: ConnectionState): void;
  /** Publish staged stream changes: their tokens' watchers, then the whole-store listeners. */
  publishStreams(): boolean;
  watchConnection(listener: (connection: ConnectionState) => void): () => void;
  /** `socket.store`: `getState()` and `subscribe()`, frozen. */
  readonly store: ReadonlyStore<AgentStoreState>;
}

/**
 * Create the state of a socket that has not opened yet: no streams, idle connection. `idle(token)` is
 * the stream a watcher of an evicted token receives.
 */
export function createAgentState(idle: (agenttoken: string) => AgentStream): AgentState {
  const streams = createKeyedStore<AgentStream>(idle);
  let connection: ConnectionState = IDLE_CONNECTION;
  const connectionListeners = new Set<(connection: ConnectionState) => void>();
  const stateListeners = new Set<StateListener>();
  let current: AgentStoreState | null = null;

  function getState(): AgentStoreState {
    return (current ??= storeState(connection, streams.version()));
  }

  /** Run `change`, then tell the whole-store listeners; the previous state is taken before the change. */
  function withStateListeners(change: () => boolean): boolean {
    if (stateListeners.size === 0) {
      const changed = change();
      if (changed) current = null;
      return changed;
    }
    const previous = getState();
    const changed = change();
    if (!changed) return false;
    current = null;
    const next = getState();
    for (const listener of stateListeners) {
      try {
        listener(next, previous);
      } catch (error) {
        rethrowLater(error);
      }
    }
    return true;
  }

  return {
    streams,
    connection: () => connection,
    setConnection(next) {
      withStateListeners(() => {
        if (next === connection) return false;
        connection = next;
        for (const listener of connectionListeners) {
          try {
            listener(next);
          } catch (error) {
            rethrowLater(error);
          }
        }
        return true;
      });
    },
    publishStreams: () => withStateListeners(() => streams.publish()),
    watchConnection(listener) {
      // A wrapper per call, so the same function watched twice is two watches, each released on its own.
      const watch = (c: ConnectionState): void => listener(c);
      connectionListeners.add(watch);
      return () => void connectionListeners.delete(watch);
    },
    store: Object.freeze({
      getState,
      subscribe(listener: StateListener) {
        const watch: StateListener = (state, previous) => listener(state, previous);
        stateListeners.add(watch);
        return () => void stateListeners.delete(watch);
      },
    }),
  };
}

/**
 * One state of the whole-store view. `streams` is read from its version on first access (an own,
 * enumerable getter, so spreading and serialising the state see it), so publishing never copies it.
 */
function storeState(connection: ConnectionState, version: KeyedVersion<AgentStream>): AgentStoreState {
  const state = { connection } as AgentStoreState;
  Object.defineProperty(state, 'streams', { enumerable: true, get: () => version.record() });
  return Object.freeze(state);
}
