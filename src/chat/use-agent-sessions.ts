'use client';

import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useLatest } from '../react/use-latest.js';
import { INITIAL_SESSIONS_STATE, SessionsController, type SessionsSettings, type SessionsState } from './sessions.js';
import type { UseAgentSessionsOptions, UseAgentSessionsResult } from './sessions-types.js';

const initialState = (): SessionsState => INITIAL_SESSIONS_STATE;

/**
 * An agent's conversations, newest first, for a sidebar (`<AgentSessionList>`): Message/Sessions
 * loaded on mount, `remove` through Message/DeleteSession (optimistic, rolled back when the server
 * refuses), and `create` for a new conversation.
 *
 * About new conversations: Wiro has no "create session" call; a session exists once its first message
 * is sent. `create()` returns a fresh key and lists it at once as a "New chat" (`isNew: true`), kept in
 * memory only: it is gone after a reload if nothing was sent in it. Call `markSent(key, text)` when a
 * message was sent (after Message/Send resolved) and it becomes a normal entry right away; the next
 * `refresh` takes the server's figures.
 *
 * Nothing throws into React: failures are `error` (a sentence, with the server's reason) and `onError`
 * calls. Unmounting aborts the requests in flight. Safe in StrictMode and in server rendering (nothing
 * loads until mounted).
 *
 * @example
 * ```tsx
 * const api = useMemo(() => createAgentApi({ baseUrl: '/api/wiro' }), []);
 * const list = useAgentSessions({ api, useragentguid: AGENT, sessionKeyPrefix: `user-${user.id}:` });
 * const [current, setCurrent] = useState<string | null>(null);
 * <AgentSessionList
 *   sessions={list.sessions} isLoading={list.isLoading} error={list.error}
 *   onRetry={list.refresh} onDismissError={list.clearError} onDelete={list.remove}
 *   selected={current} onSelect={setCurrent} onCreate={() => setCurrent(list.create())}
 * />
 * ```
 */
export function useAgentSessions(options: UseAgentSessionsOptions): UseAgentSessionsResult {
  const { useragentguid } = options;
  const latest = useLatest(options);
  const settings = useCallback((): SessionsSettings => {
    const current = latest.current;
    return {
      api: current.api,
      sessionKeyPrefix: typeof current.sessionKeyPrefix === 'string' ? current.sessionKeyPrefix : '',
      onError: current.onError,
    };
  }, [latest]);

  // One controller per agent. Creating it does nothing; the effect starts and stops it.
  const controller = useMemo(() => new SessionsController(useragentguid, settings), [useragentguid, settings]);
  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);

  const state = useSyncExternalStore(controller.subscribe, controller.getState, initialState);

  const refresh = useCallback(() => controller.refresh(), [controller]);
  const remove = useCallback((sessionkey: string) => controller.remove(sessionkey), [controller]);
  const create = useCallback((sessionkey?: string) => controller.create(sessionkey), [controller]);
  const markSent = useCallback(
    (sessionkey: string, text: string) => controller.markSent(sessionkey, text),
    [controller],
  );
  const clearError = useCallback(() => controller.clearError(), [controller]);

  return useMemo<UseAgentSessionsResult>(
    () => ({
      sessions: state.sessions,
      isLoading: state.isLoading,
      hasLoaded: state.hasLoaded,
      error: state.error,
      refresh,
      remove,
      create,
      markSent,
      clearError,
    }),
    [state, refresh, remove, create, markSent, clearError],
  );
}
