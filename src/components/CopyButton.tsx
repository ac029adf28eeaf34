'use client';

import { useEffect, useState, type ReactElement } from 'react';
import { useLatest } from '../react/use-latest.js';
import { copyToClipboard } from './clipboard.js';
import { rootClass, useKit, visuallyHidden, type CopyKind } from './kit.js';
import { resolveLabels, type AgentMessageLabels } from './labels.js';

/** How long the button shows "Copied" before it returns to its label. */
const FEEDBACK_MS = 2000;

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  /** The text to copy, or a function returning it (read at click time; it may resolve it later). */
  text: string | (() => string | Promise<string>);
  /** What is copied; picks the default label and is passed to `onCopy`. */
  kind: CopyKind;
  /** Visible label (and accessible name); defaults to the `copyCode`/`copyAnswer` label. */
  label?: string;
  /** Called after a successful copy. Defaults to the surrounding `AgentMessage`'s `onCopy`. */
  onCopy?: (text: string, kind: CopyKind) => void;
  className?: string;
  unstyled?: boolean;
  labels?: Partial<AgentMessageLabels>;
}

/**
 * A button that copies text, then shows "Copied" for two seconds and announces it politely to
 * screen readers (or "Copy failed" when the clipboard refused).
 */
export function CopyButton(props: CopyButtonProps): ReactElement {
  const kit = useKit();
  const labels = props.labels ? resolveLabels({ ...kit.labels, ...props.labels }) : kit.labels;
  const unstyled = props.unstyled ?? kit.unstyled;
  const onCopy = props.onCopy ?? kit.onCopy;
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const latest = useLatest({ text: props.text, kind: props.kind, onCopy });

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  // A plain handler: the button is a DOM element, so a stable identity would buy nothing.
  const copy = (): void => {
    const { text, kind, onCopy: handler } = latest.current;
    void Promise.resolve(typeof text === 'function' ? text() : text)
      .then(async (value) => [value, await copyToClipboard(value)] as const)
      .then(
        ([value, ok]) => {
          setState(ok ? 'copied' : 'failed');
          if (ok) handler?.(value, kind);
        },
        () => setState('failed'),
      );
  };

  const label = props.label ?? (props.kind === 'code' ? labels.copyCode : labels.copyAnswer);
  return (
    <>
      <button
        type="button"
        className={rootClass(unstyled, 'wiro-copy', props.className)}
        data-state={state}
        onClick={copy}
      >
        <CopyIcon copied={state === 'copied'} unstyled={unstyled} />
        <span>{state === 'copied' ? labels.copied : label}</span>
      </button>
      <span role="status" style={visuallyHidden}>
        {state === 'copied' ? labels.copied : state === 'failed' ? labels.copyFailed : ''}
      </span>
    </>
  );
}

function CopyIcon({ copied, unstyled }: { copied: boolean; unstyled: boolean }): ReactElement | null {
  if (unstyled) return null;
  return (
    <svg className="wiro-copy-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {copied ? (
        <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="1.6" />
      ) : (
        <path
          d="M5 2.5h6.5a1 1 0 0 1 1 1V11M3.5 5h6a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1h-6a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.3"
        />
      )}
    </svg>
  );
}
