import { createKeyedStore, rethrowLater, type KeyedStore, type KeyedVersion } from './keyed.js';
import { IDLE_CONNECTION } from './store.js';
import type { AgentStoreState, AgentStream, ConnectionState, ReadonlyStore } from './types.js';

/** Listener of the whole-store view: the new state and the one before it. */
type StateListener = (state: AgentStoreState, previousState: AgentStoreState) => void;

/** `getState().tasks` while no model run is followed (the socket has no run store yet). */
const NO_RUNS_RECORD: Readonly<Record<string, never>> = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ Object.create(null) as Record<string, never>,
);
const NO_RUNS: KeyedVersion<never> = { record: () => NO_RUNS_RECORD };

/**
 * What one socket knows: agent streams by agenttoken (a {@link KeyedStore}), the stores of the stream
 * kinds attached to it (model runs by tasktoken, see `withTasks`), the connection state, and the read-only
 * whole-store view `socket.store` built on top of them.
 *
 * Writers stage changes on the stores and call {@link AgentState.publish}; the connection changes through
 * {@link AgentState.setConnection}. Each notifies only who asked: a token's watchers, the connection's
 * watchers, and whoever subscribed to the whole store (who is told of everything).
 */
export interface AgentState {
  readonly streams: KeyedStore<AgentStream>;
  /**
   * The store of model runs (made when the socket first follows one, see `withTasks`), published with
   * `streams` and shown as `getState().tasks`. `absent(token)` is what a watcher of a removed run receives.
   */
  addTaskStore<V>(absent: (tasktoken: string) => V): KeyedStore<V>;
  connection(): ConnectionState;
  /** Replace the connection state and tell its watchers and the whole-store listeners. */
  setConnection(next: ConnectionState): void;
  /**
   * Publish staged changes of every store: their tokens' watchers, then the whole-store listeners
   * (once for all).
   */
  publish(): boolean;
  watchConnection(listener: (connection: ConnectionState) => void): () => void;
  /** `socket.store`: `getState()` and `subscribe()`, frozen. */
  readonly store: ReadonlyStore<AgentStoreState>;
}

/**
 * Create the state of a socket that has not opened yet: no streams, idle connection.
 * `idle(token)` is the stream a watcher of an evicted token receives.
 */
export function createAgentState(idle: (agenttoken: string) => AgentStream): AgentState {
  const streams = createKeyedStore<AgentStream>(idle);
  let tasks: KeyedStore<unknown> | null = null;
  let connection: ConnectionState = IDLE_CONNECTION;
  const connectionListeners = new Set<(connection: ConnectionState) => void>();
  const stateListeners = new Set<StateListener>();
  let current: AgentStoreState | null = null;

  function getState(): AgentStoreState {
    return (current ??= storeState(connection, streams.version(), tasks?.version() ?? NO_RUNS));
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
    addTaskStore<V>(absent: (tasktoken: string) => V) {
      const store = createKeyedStore<V>(absent);
      tasks = store;
      return store;
    },
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
    publish: () =>
      withStateListeners(() => {
        // Both stores publish (no short-circuit): each tells its own watchers.
        const streamsChanged = streams.publish();
        const tasksChanged = tasks?.publish() === true;
        return streamsChanged || tasksChanged;
      }),
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
 * One state of the whole-store view. `streams` and `tasks` are read from their versions on first access
 * (own, enumerable getters, so spreading and serialising the state see them), so publishing never copies them.
 */
function storeState(
  connection: ConnectionState,
  streams: KeyedVersion<AgentStream>,
  tasks: KeyedVersion<unknown>,
): AgentStoreState {
  const state = { connection } as AgentStoreState;
  Object.defineProperty(state, 'streams', { enumerable: true, get: () => streams.record() });
  Object.defineProperty(state, 'tasks', { enumerable: true, get: () => tasks.record() });
  return Object.freeze(state);
}
