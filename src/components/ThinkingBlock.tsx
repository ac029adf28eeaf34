'use client';

import { memo, useEffect, useId, useRef, useState, type ReactElement } from 'react';
import type { AgentStream } from '../store/types.js';
import { kitClass, rootClass, useKit } from './kit.js';
import { resolveLabels, type AgentMessageLabels } from './labels.js';

/** Props of {@link ThinkingBlock}: give `thinking` text, or a `stream` to follow. */
export interface ThinkingBlockProps {
  /** The reasoning text. Wins over `stream`. */
  thinking?: string;
  /** A stream whose thinking blocks (joined) and `isThinking` are shown. */
  stream?: AgentStream;
  /** The model is thinking right now. Default: `stream.isThinking`, else `false`. */
  isThinking?: boolean;
  /** When thinking started (`Date.now()` ms). Default: when this block first saw `isThinking`. */
  startedAt?: number;
  /** Open while thinking. Default `false`. Once thinking ends the block collapses unless the user opened it. */
  defaultOpen?: boolean;
  className?: string;
  unstyled?: boolean;
  labels?: Partial<AgentMessageLabels>;
}

/**
 * The model's reasoning, collapsible: "Thinking… 3 s" with a live timer while it thinks, then
 * "Thought for N s", collapsed unless the user opened it. The timer lives in this component only,
 * so it never re-renders the message around it, and it stops when thinking ends or on unmount.
 */
export const ThinkingBlock = /* @__PURE__ */ memo(function ThinkingBlock(props: ThinkingBlockProps): ReactElement {
  const kit = useKit();
  const labels = props.labels ? resolveLabels({ ...kit.labels, ...props.labels }) : kit.labels;
  const unstyled = props.unstyled ?? kit.unstyled;
  const text = props.thinking ?? props.stream?.thinking.join('\n\n') ?? '';
  const thinking = props.isThinking ?? props.stream?.isThinking ?? false;
  const contentId = useId();

  const [startedAt, setStartedAt] = useState<number | null>(() => props.startedAt ?? (thinking ? Date.now() : null));
  const [endedAt, setEndedAt] = useState<number | null>(null);
  const [now, setNow] = useState<number>(() => Date.now());
  // `null` until the user toggles: then their choice sticks, whatever the thinking state does.
  const [userOpen, setUserOpen] = useState<boolean | null>(null);

  const sawThinking = useRef(false);
  const start = props.startedAt ?? startedAt;

  useEffect(() => {
    if (thinking) {
      sawThinking.current = true;
      setEndedAt(null);
      setStartedAt((s) => s ?? Date.now());
      setNow(Date.now());
      const timer = setInterval(() => setNow(Date.now()), 1000);
      return () => clearInterval(timer);
    }
    // Only a block that saw the thinking end knows how long it took.
    if (sawThinking.current) setEndedAt((e) => e ?? Date.now());
    return undefined;
  }, [thinking]);

  const open = userOpen ?? (thinking ? (props.defaultOpen ?? false) : false);
  const seconds = (until: number): number => (start === null ? 0 : Math.max(0, Math.floor((until - start) / 1000)));

  let title: string;
  if (thinking) title = labels.thinking;
  else if (start !== null && endedAt !== null)
    title = labels.thoughtFor(Math.max(1, Math.round((endedAt - start) / 1000)));
  else title = labels.thoughts;

  return (
    <div className={rootClass(unstyled, 'wiro-thinking', props.className)} data-state={thinking ? 'thinking' : 'done'}>
      <button
        type="button"
        className={kitClass(unstyled, 'wiro-thinking-toggle')}
        aria-expanded={open}
        aria-controls={contentId}
        onClick={() => setUserOpen(!open)}
      >
        {unstyled ? null : <span className="wiro-thinking-chevron" aria-hidden="true" />}
        <span className={kitClass(unstyled, 'wiro-thinking-title')}>{title}</span>
        {thinking ? (
          <span className={kitClass(unstyled, 'wiro-thinking-timer')}>{labels.seconds(seconds(now))}</span>
        ) : null}
      </button>
      <div id={contentId} className={kitClass(unstyled, 'wiro-thinking-content')} hidden={!open}>
        {paragraphs(text).map((para, index) => (
          <p key={index}>{para}</p>
        ))}
      </div>
    </div>
  );
});

/** Blank-line separated paragraphs; line breaks inside stay (the stylesheet keeps them visible). */
function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
