'use client';

import { memo, type ReactElement } from 'react';
import type { Components } from 'react-markdown';
import type { StreamSegment } from '../../protocol/types.js';
import type { AgentStream } from '../../store/types.js';
import { kitClass, rootClass, useKit } from '../kit.js';
import { StreamingMarkdown } from '../markdown/StreamingMarkdown.js';
import { ThinkingBlock } from '../ThinkingBlock.js';

/** Props of {@link TaskText}. */
export interface TaskTextProps {
  /** An LLM run's text (`task.text`). */
  text: AgentStream;
  /** Show the model's reasoning in collapsible blocks. Default `true`. */
  showThinking?: boolean;
  /** react-markdown components merged over the kit's. Keep the object stable. */
  components?: Components;
  className?: string;
  unstyled?: boolean;
}

/**
 * An LLM run's text: thinking blocks and answer in order, the answer as streaming Markdown (healed and
 * with a caret while it arrives; the same URL policy as every kit markdown). A polite live region, busy
 * while the text streams, like an agent reply.
 */
export const TaskText = /* @__PURE__ */ memo(function TaskText(props: TaskTextProps): ReactElement {
  const { text } = props;
  const kit = useKit();
  const unstyled = props.unstyled ?? kit.unstyled;
  const showThinking = props.showThinking ?? true;
  const segments = segmentsOf(text);
  const last = segments.length - 1;
  // Text that will not grow but may be cut mid-syntax (cancel, failure) is healed like a live tail.
  const healTail = text.status !== 'agent_end';
  const caret = text.isStreaming && !text.isThinking;
  return (
    <div
      className={rootClass(unstyled, 'wiro-task-text', props.className)}
      aria-live="polite"
      aria-busy={text.isStreaming}
    >
      {segments.map((segment, index) =>
        segment.kind === 'thinking' ? (
          showThinking ? (
            <ThinkingBlock key={index} thinking={segment.text} isThinking={text.isThinking && index === last} />
          ) : null
        ) : (
          <StreamingMarkdown
            key={index}
            streaming={healTail && index === last}
            caret={caret && index === last}
            components={props.components}
            className={kitClass(unstyled, 'wiro-task-answer')}
          >
            {segment.text}
          </StreamingMarkdown>
        ),
      )}
    </div>
  );
});

/** Segments to render, with an empty thinking block while the model thinks but has written nothing yet. */
function segmentsOf(text: AgentStream): StreamSegment[] {
  let segments: StreamSegment[] = text.segments;
  if (segments.length === 0 && text.answer !== '') segments = [{ kind: 'answer', text: text.answer }];
  if (text.isThinking && segments[segments.length - 1]?.kind !== 'thinking') {
    segments = [...segments, { kind: 'thinking', text: '' }];
  }
  return segments;
}
