'use client';

import { useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { AgentSocketContext } from '../react/context.js';
import { useLatest } from '../react/use-latest.js';
import { ChatController, type ChatControllerSettings } from './controller.js';
import { sessionChatStorage } from './pending-store.js';
import { INITIAL_CHAT_STATE, type ChatState } from './state.js';
import type { ChatStatus, UseAgentChatOptions, UseAgentChatResult } from './types.js';

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
    };
  }, [latest]);

  // One controller per agent, session and socket: a change starts a fresh conversation. Creating it
  // does nothing; the effect starts it and stops it (twice in StrictMode, which a controller allows).
  const controller = useMemo(
    () => new ChatController({ useragentguid, sessionkey, socket, settings }),
    [useragentguid, sessionkey, socket, settings],
  );
  const controllerRef = useRef<ChatController | null>(null);
  useEffect(() => {
    controllerRef.current = controller;
    controller.start();
    return () => {
      controller.stop();
      if (controllerRef.current === controller) controllerRef.current = null;
    };
  }, [controller]);

  const state = useSyncExternalStore(controller.subscribe, controller.getState, initialState);

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

  return useMemo<UseAgentChatResult>(
    () => ({
      messages: state.turns,
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
    }),
    [state, send, cancel, retry, clearError, loadOlder],
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
