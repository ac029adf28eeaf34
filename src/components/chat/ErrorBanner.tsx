'use client';

import type { ReactElement } from 'react';
import type { ChatError } from '../../chat/types.js';
import { kitClass, rootClass } from '../kit.js';
import { CloseIcon, IconButton } from './icons.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';

/** Props of {@link ErrorBanner}. */
export interface ErrorBannerProps {
  error: ChatError | null;
  /** Called by the dismiss button (omit to hide the button). */
  onDismiss?: () => void;
  className?: string;
  unstyled?: boolean;
  labels?: AgentChatLabels;
}

/** The chat's latest error, announced as an alert, with a dismiss button. Renders nothing without one. */
export function ErrorBanner(props: ErrorBannerProps): ReactElement | null {
  const { error } = props;
  const labels = props.labels ?? defaultChatLabels;
  const unstyled = props.unstyled ?? false;
  if (!error) return null;
  return (
    <div role="alert" className={rootClass(unstyled, 'wiro-chat-banner', props.className)} data-kind={error.kind}>
      <span className={kitClass(unstyled, 'wiro-chat-banner-text')}>{error.message}</span>
      {props.onDismiss ? (
        <IconButton
          label={labels.dismiss}
          icon={<CloseIcon />}
          unstyled={unstyled}
          variant="wiro-chat-banner-close"
          onClick={props.onDismiss}
        />
      ) : null}
    </div>
  );
}
