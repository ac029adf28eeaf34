'use client';

import type { ReactElement, ReactNode } from 'react';
import { kitClass, rootClass } from '../kit.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  /** Heading; defaults to the `emptyTitle` label. */
  title?: ReactNode;
  /** Prompts the user can send with one click. */
  suggestions?: readonly string[];
  onSuggestion?: (text: string) => void;
  className?: string;
  unstyled?: boolean;
  labels?: AgentChatLabels;
}

/** What an empty conversation shows: a title, a hint, and optional one-click suggestions. */
export function EmptyState(props: EmptyStateProps): ReactElement {
  const labels = props.labels ?? defaultChatLabels;
  const unstyled = props.unstyled ?? false;
  const suggestions = props.suggestions ?? [];
  return (
    <div className={rootClass(unstyled, 'wiro-chat-empty', props.className)}>
      <p className={kitClass(unstyled, 'wiro-chat-empty-title')}>{props.title ?? labels.emptyTitle}</p>
      {labels.emptyHint !== '' ? (
        <p className={kitClass(unstyled, 'wiro-chat-empty-hint')}>{labels.emptyHint}</p>
      ) : null}
      {suggestions.length > 0 ? (
        <ul className={kitClass(unstyled, 'wiro-chat-suggestions')} aria-label={labels.suggestions}>
          {suggestions.map((suggestion) => (
            <li key={suggestion}>
              <button
                type="button"
                className={kitClass(unstyled, 'wiro-chat-suggestion')}
                onClick={() => props.onSuggestion?.(suggestion)}
              >
                {suggestion}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
