'use client';

import type { ReactElement } from 'react';
import { useAgentConnection } from '../../react/use-agent-connection.js';
import type { ConnectionState } from '../../store/types.js';
import { rootClass } from '../kit.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';

/** What the indicator shows, exposed as its `data-state`. */
export type ConnectionIndicatorState = 'connected' | 'connecting' | 'reconnecting' | 'polling' | 'offline';

/** Props of {@link ConnectionIndicator}. */
export interface ConnectionIndicatorProps {
  /** Replies are being followed over REST because the socket cannot connect. */
  isPolling?: boolean;
  className?: string;
  unstyled?: boolean;
  labels?: AgentChatLabels;
}

/** The indicator state for a connection; `null` while the socket is idle (nothing to follow yet). */
export function connectionIndicatorState(
  connection: ConnectionState,
  isPolling: boolean,
): ConnectionIndicatorState | null {
  if (isPolling) return 'polling';
  switch (connection.status) {
    case 'open':
      return 'connected';
    case 'connecting':
      return 'connecting';
    case 'reconnecting':
      return 'reconnecting';
    case 'closed':
      // A socket that closed cleanly after its last reply (idle timeout) has no error: nothing to say.
      return connection.lastError === null ? null : 'offline';
    default:
      return null;
  }
}

/**
 * A small live status of the provider's socket: connected, connecting, reconnecting, offline, or
 * offline while replies are checked over REST. Renders nothing while the socket is idle.
 */
export function ConnectionIndicator(props: ConnectionIndicatorProps): ReactElement | null {
  const connection = useAgentConnection();
  const labels = props.labels ?? defaultChatLabels;
  const unstyled = props.unstyled ?? false;
  const state = connectionIndicatorState(connection, props.isPolling ?? false);
  if (state === null) return null;
  return (
    <span role="status" className={rootClass(unstyled, 'wiro-chat-connection', props.className)} data-state={state}>
      {labels[state]}
    </span>
  );
}
