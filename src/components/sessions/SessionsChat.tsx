'use client';

import { useCallback, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { createSessionKey } from '../../chat/session-key.js';
import type { SessionsApi } from '../../chat/sessions-types.js';
import type { ChatSentEvent } from '../../chat/types.js';
import { useAgentSessions } from '../../chat/use-agent-sessions.js';
import { AgentSessionList } from './AgentSessionList.js';
import { ChatLayout, ChatLayoutToggle } from './ChatLayout.js';
import type { AgentSessionListLabels, ChatLayoutLabels } from './labels.js';

/** What the thread is given by {@link SessionsChat}. */
export interface SessionsChatThread {
  /** The conversation to show. */
  sessionkey: string;
  /** Tell the list a message was sent (it moves its conversation to the top). */
  onMessageSent: (event: ChatSentEvent) => void;
  /** The drawer's toggle, for the thread's header (renders nothing beside a sidebar). */
  headerStart: ReactNode;
}

/** Props of {@link SessionsChat}. */
export interface SessionsChatProps {
  api: SessionsApi;
  useragentguid: string;
  /** The conversation shown first, and again whenever it changes. Default: a new one. */
  sessionkey: string | undefined;
  sessionKeyPrefix: string | undefined;
  onSessionChange: ((sessionkey: string) => void) | undefined;
  listLabels: Partial<AgentSessionListLabels> | undefined;
  layoutLabels: Partial<ChatLayoutLabels> | undefined;
  locale: string | undefined;
  unstyled: boolean;
  /** Renders the thread of the conversation shown. */
  renderThread: (thread: SessionsChatThread) => ReactNode;
}

/**
 * `<AgentChat sessions>`: the agent's conversations in a sidebar (a drawer on narrow layouts) beside
 * the thread. Picking one shows it; New chat starts one (or stays on the new one already open);
 * deleting the one shown moves to the next. Loaded on demand by `<AgentChat>`, so a chat without
 * `sessions` does not ship it.
 */
export function SessionsChat(props: SessionsChatProps): ReactElement {
  const { onSessionChange, sessionKeyPrefix } = props;
  const list = useAgentSessions({ api: props.api, useragentguid: props.useragentguid, sessionKeyPrefix });
  // Without a key to show, the chat opens a new conversation, listed as "New chat" once mounted.
  const [made] = useState(() => (props.sessionkey === undefined ? createSessionKey(sessionKeyPrefix ?? '') : null));
  const [current, setCurrent] = useState(() => props.sessionkey ?? (made as string));
  const [given, setGiven] = useState(props.sessionkey);
  if (given !== props.sessionkey) {
    setGiven(props.sessionkey);
    if (props.sessionkey !== undefined) setCurrent(props.sessionkey);
  }

  const { create, remove, markSent, sessions } = list;
  useEffect(() => {
    if (made === null) return;
    create(made);
    onSessionChange?.(made);
    // Once, for the conversation made on mount (`onSessionChange` is the app's, read as it is then).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [made, create]);

  const show = useCallback(
    (sessionkey: string) => {
      setCurrent(sessionkey);
      onSessionChange?.(sessionkey);
    },
    [onSessionChange],
  );
  const onCreate = useCallback(() => {
    // A new conversation already open (nothing sent yet) is the one to write in.
    if (sessions.some((s) => s.sessionkey === current && s.isNew)) return;
    show(create());
  }, [sessions, current, create, show]);
  const onDelete = useCallback(
    (sessionkey: string) => {
      if (sessionkey === current) {
        const next = sessions.find((s) => s.sessionkey !== sessionkey);
        show(next ? next.sessionkey : create());
      }
      return remove(sessionkey);
    },
    [current, sessions, remove, create, show],
  );
  const onMessageSent = useCallback((event: ChatSentEvent) => markSent(event.sessionkey, event.content), [markSent]);

  return (
    <ChatLayout
      className={props.unstyled ? undefined : 'wiro-chat-with-sessions'}
      toggle={false}
      labels={props.layoutLabels}
      unstyled={props.unstyled}
      sidebar={
        <AgentSessionList
          sessions={sessions}
          selected={current}
          onSelect={show}
          onCreate={onCreate}
          onDelete={onDelete}
          isLoading={list.isLoading}
          error={list.error}
          onRetry={() => void list.refresh()}
          onDismissError={list.clearError}
          locale={props.locale}
          labels={props.listLabels}
          unstyled={props.unstyled}
        />
      }
    >
      {props.renderThread({ sessionkey: current, onMessageSent, headerStart: <ChatLayoutToggle /> })}
    </ChatLayout>
  );
}
