'use client';

import { useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { AgentSocketContext } from '../react/context.js';
import { useLatest } from '../react/use-latest.js';
import { ChatController, type ChatControllerSettings } from './controller.js';
import { sessionChatStorage } from './pending-store.js';
import { ChatControllerPool } from './pool.js';
import { INITIAL_CHAT_STATE, type ChatState } from './state.js';
import type { ChatStatus, UseAgentChatOptions, UseAgentChatResult } from './types.js';
import { visibleTurns } from './view.js';

const initialState = (): ChatState => INITIAL_CHAT_STATE;

/**
 * A whole conversation with one agent session: history, sending, live replies, cancel and retry.
 *
 * - On mount it loads the newest page of history (shown oldest first) and resumes replies that were
 *   still running before a reload (kept in `sessionStorage` by default).
 * - `send` shows the user's turn at once, calls Message/Send, then follows the reply over the
 *   provider's socket. Several replies stream at the same time, independently.
 * - When the socket cannot connect (it gave up, or failed to reconnect twice in a row) running
 *   replies are followed through Message/Detail every `pollIntervalMs` until they end or the socket
 *   is back. Without an `AgentSocketProvider` above, replies are always followed that way.
 * - Nothing throws into React: failures are state (`error`, a turn's `send-failed`) and `onError`
 *   calls. Unmounting aborts every request in flight.
 * - Switching `sessionkey` keeps the conversation left behind alive while any of its replies is still
 *   being sent or streamed (it goes on streaming into the socket's store), and keeps it in memory
 *   afterwards: switching back shows it at once, finished, with this page's versions and ratings.
 * - `regenerate` and `edit` make new versions of the last turn (see {@link UseAgentChatResult.regenerate});
 *   `rate` records a thumbs up or down (reported through `onFeedback`).
 *
 * Render live replies with `<AgentMessage agenttoken={m.agenttoken} />` and the ones the chat holds
 * with `<AgentMessage stream={m.stream} />` (see {@link ChatMessage}), or use `<AgentChat>`.
 *
 * Safe in server rendering: nothing loads and no storage is touched until mounted.
 *
 * @example
 * ```tsx
 * const api = useMemo(() => createAgentApi({ baseUrl: '/api/wiro' }), []);
 * const chat = useAgentChat({ api, useragentguid: AGENT, sessionkey: `user-${user.id}` });
 * ```
 */
export function useAgentChat(options: UseAgentChatOptions): UseAgentChatResult {
  const socket = useContext(AgentSocketContext);
  const { useragentguid } = options;
  const sessionkey = options.sessionkey ?? 'default';

  const latest = useLatest(options);
  const settings = useCallback((): ChatControllerSettings => {
    const current = latest.current;
    return {
      api: current.api,
      storage: current.storage === undefined ? sessionChatStorage() : current.storage,
      pollIntervalMs: positive(current.pollIntervalMs, 1500),
      historyPageSize: Math.min(200, Math.round(positive(current.historyPageSize, 20))),
      onError: current.onError,
      onMessageSent: current.onMessageSent,
      onFeedback: current.onFeedback,
      feedbackStorage: current.feedbackStorage,
    };
  }, [latest]);

  // One controller per agent, session and socket, kept by the pool for the hook's life: a change shows
  // that conversation (a kept one as it was), and the one left behind finishes its replies (pool.ts).
  // Getting it does nothing; the effect shows (starts) and hides it, twice in StrictMode, which both allow.
  const [pool] = useState(() => new ChatControllerPool());
  const controller = useMemo(
    () =>
      pool.get(
        useragentguid,
        sessionkey,
        socket,
        () => new ChatController({ useragentguid, sessionkey, socket, settings }),
      ),
    [pool, useragentguid, sessionkey, socket, settings],
  );
  const controllerRef = useRef<ChatController | null>(null);
  useEffect(() => {
    controllerRef.current = controller;
    pool.show(controller);
    return () => {
      pool.hide(controller);
      if (controllerRef.current === controller) controllerRef.current = null;
    };
  }, [pool, controller]);
  // Declared after the one above, so on unmount it runs after it: everything stops, hidden or not.
  useEffect(() => () => pool.stopAll(), [pool]);

  const state = useSyncExternalStore(controller.subscribe, controller.getState, initialState);
  const messages = useMemo(() => visibleTurns(state), [state]);

  const send = useCallback<UseAgentChatResult['send']>(
    (text, files) => controllerRef.current?.send(text, files) ?? Promise.resolve(null),
    [],
  );
  const cancel = useCallback<UseAgentChatResult['cancel']>(
    (id) => controllerRef.current?.cancel(id) ?? Promise.resolve(),
    [],
  );
  const retry = useCallback<UseAgentChatResult['retry']>(
    (id) => controllerRef.current?.retry(id) ?? Promise.resolve(null),
    [],
  );
  const loadOlder = useCallback<UseAgentChatResult['loadOlder']>(
    () => controllerRef.current?.loadOlder() ?? Promise.resolve(),
    [],
  );
  const clearError = useCallback(() => controllerRef.current?.clearError(), []);
  const regenerate = useCallback<UseAgentChatResult['regenerate']>(
    () => controllerRef.current?.regenerate() ?? Promise.resolve(null),
    [],
  );
  const edit = useCallback<UseAgentChatResult['edit']>(
    (id, text) => controllerRef.current?.edit(id, text) ?? Promise.resolve(null),
    [],
  );
  const selectVersion = useCallback<UseAgentChatResult['selectVersion']>(
    (id, index) => controllerRef.current?.selectVersion(id, index),
    [],
  );
  const rate = useCallback<UseAgentChatResult['rate']>(
    (id, value, comment) => controllerRef.current?.rate(id, value, comment),
    [],
  );

  return useMemo<UseAgentChatResult>(
    () => ({
      messages,
      send,
      cancel,
      retry,
      status: chatStatus(state),
      error: state.error,
      clearError,
      loadOlder,
      hasOlder: state.hasOlder,
      isLoadingHistory: state.isLoadingHistory,
      isPolling: state.isPolling,
      regenerate,
      edit,
      selectVersion,
      rate,
    }),
    [state, messages, send, cancel, retry, clearError, loadOlder, regenerate, edit, selectVersion, rate],
  );
}

/** The chat's overall status (see {@link ChatStatus}). */
export function chatStatus(state: ChatState): ChatStatus {
  let sending = false;
  for (const turn of state.turns) {
    if (turn.status === 'queued' || turn.status === 'streaming') return 'streaming';
    if (turn.status === 'sending') sending = true;
  }
  if (sending) return 'sending';
  return state.isLoadingHistory && !state.historyLoaded && state.turns.length === 0 ? 'loading' : 'idle';
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
