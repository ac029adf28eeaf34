import { createKeyedStore, rethrowLater, type KeyedStore, type KeyedVersion } from './keyed.js';
import { IDLE_CONNECTION } from './store.js';
import type { TaskStream } from './task-types.js';
import type { AgentStoreState, AgentStream, ConnectionState, ReadonlyStore } from './types.js';

/** Listener of the whole-store view: the new state and the one before it. */
type StateListener = (state: AgentStoreState, previousState: AgentStoreState) => void;

/**
 * What one socket knows: agent streams by agenttoken and model runs by tasktoken (two
 * {@link KeyedStore}s), the connection state, and the read-only whole-store view `socket.store` built on
 * top of them.
 *
 * Writers stage changes on `streams` and `tasks` and call {@link AgentState.publish}; the connection
 * changes through {@link AgentState.setConnection}. Each notifies only who asked: a token's watchers,
 * the connection's watchers, and whoever subscribed to the whole store (who is told of everything).
 */
export interface AgentState {
  readonly streams: KeyedStore<AgentStream>;
  readonly tasks: KeyedStore<TaskStream>;
  connection(): ConnectionState;
  /** Replace the connection state and tell its watchers and the whole-store listeners. */
  setConnection(next: ConnectionState): void;
  /**
   * Publish staged stream and task changes: their tokens' watchers, then the whole-store listeners
   * (once for both).
   */
  publish(): boolean;
  watchConnection(listener: (connection: ConnectionState) => void): () => void;
  /** `socket.store`: `getState()` and `subscribe()`, frozen. */
  readonly store: ReadonlyStore<AgentStoreState>;
}

/**
 * Create the state of a socket that has not opened yet: no streams, no runs, idle connection.
 * `idle(token)` is the stream a watcher of an evicted token receives, `idleTask(token)` the run.
 */
export function createAgentState(
  idle: (agenttoken: string) => AgentStream,
  idleTask: (tasktoken: string) => TaskStream,
): AgentState {
  const streams = createKeyedStore<AgentStream>(idle);
  const tasks = createKeyedStore<TaskStream>(idleTask);
  let connection: ConnectionState = IDLE_CONNECTION;
  const connectionListeners = new Set<(connection: ConnectionState) => void>();
  const stateListeners = new Set<StateListener>();
  let current: AgentStoreState | null = null;

  function getState(): AgentStoreState {
    return (current ??= storeState(connection, streams.version(), tasks.version()));
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
    tasks,
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
        const tasksChanged = tasks.publish();
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
  tasks: KeyedVersion<TaskStream>,
): AgentStoreState {
  const state = { connection } as AgentStoreState;
  Object.defineProperty(state, 'streams', { enumerable: true, get: () => streams.record() });
  Object.defineProperty(state, 'tasks', { enumerable: true, get: () => tasks.record() });
  return Object.freeze(state);
}
