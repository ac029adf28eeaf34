'use client';

import { useCallback, useMemo, type ComponentType, type ReactElement, type ReactNode } from 'react';
import type { Components } from 'react-markdown';
import type { TaskOutputFile } from '../protocol/task-types.js';
import type { StreamSegment } from '../protocol/types.js';
// The hooks' own modules, not the `react` barrel: components need no provider code to load.
import { useAgentConnection } from '../react/use-agent-connection.js';
import { useAgentStream } from '../react/use-agent-stream.js';
import { useLatest } from '../react/use-latest.js';
import type { AgentStream } from '../store/types.js';
import { CopyButton } from './CopyButton.js';
import {
  KitContext,
  kitClass,
  rootClass,
  useStableMerge,
  visuallyHidden,
  type CopyHandler,
  type KitSettings,
} from './kit.js';
import { defaultLabels, type AgentMessageLabels } from './labels.js';
import type { MarkdownPlugin } from './markdown/plugins.js';
import { StreamingMarkdown } from './markdown/StreamingMarkdown.js';
import { StreamMetrics } from './StreamMetrics.js';
import type { TaskLabels } from './tasks/labels.js';
import type { LinkPreviewsProps } from './tasks/LinkPreviews.js';
import { ThinkingBlock } from './ThinkingBlock.js';

/**
 * What an {@link AgentMessage} is showing, exposed as its root's `data-status`:
 * - `idle`: no token, or nothing happened yet;
 * - `waiting`: subscribed or queued, no text yet;
 * - `thinking`: the model is reasoning;
 * - `streaming`: the answer is arriving;
 * - `done`: finished;
 * - `error`: the agent failed (`agent_error` with a message) or the stream could not be read;
 * - `failed`: the agent finished with a non-answer (`agent_error` with a progress object);
 * - `cancelled`: cancelled mid-reply;
 * - `unknown-token`: the server does not know the token;
 * - `connection-failed`: the socket gave up reconnecting.
 */
export type AgentMessageStatus =
  | 'idle'
  | 'waiting'
  | 'thinking'
  | 'streaming'
  | 'done'
  | 'error'
  | 'failed'
  | 'cancelled'
  | 'unknown-token'
  | 'connection-failed';

/** Props of {@link AgentMessage}: give an `agenttoken` to follow (needs an `AgentSocketProvider`), or a `stream`. */
export interface AgentMessageProps {
  /** The reply to follow over the provider's socket. Ignored when `stream` is given. */
  agenttoken?: string | null;
  /** A stream obtained elsewhere (your own `useAgentStream`, a test, a replay). */
  stream?: AgentStream;
  /**
   * react-markdown components merged over the kit's (e.g. your own `code` with a highlighter).
   * Keep the object stable (or its entries): new entries re-render every block.
   */
  components?: Components;
  /**
   * Markdown plugins for the answer (`codeHighlight()` from `wiro-agent-react/highlight`, `math()` from
   * `wiro-agent-react/math`, your own), merged with the kit's defaults. A new array holding the same
   * plugins re-renders nothing.
   */
  plugins?: readonly MarkdownPlugin[];
  className?: string;
  /** Render without the kit's class names, so `styles.css` does not apply. Default `false`. */
  unstyled?: boolean;
  /** Show the model's reasoning in collapsible blocks. Default `true`. */
  showThinking?: boolean;
  /** Show speed, tokens, words and elapsed time under the answer. Default `false`. */
  showMetrics?: boolean;
  /** Show a caret at the end of the text while it streams. Default `true`. */
  caret?: boolean;
  /** Strings to override (translation). */
  labels?: Partial<AgentMessageLabels>;
  /** Called after a code block or the answer was copied. */
  onCopy?: CopyHandler;
  /**
   * Preview the files the answer links to, under it: pass `LinkPreviews` (exported beside this
   * component), or a component of your own taking {@link LinkPreviewsProps}. `LinkPreviews` shows images
   * an agent's tools generated (Wiro CDN URLs) in a grid that opens in a viewer, video and audio players,
   * and other files as download links; while the reply streams, only URLs that are complete. Default:
   * none, the answer's links stay links (and the previews' code is not in your bundle).
   *
   * @example <AgentMessage agenttoken={token} linkPreviews={LinkPreviews} />
   */
  linkPreviews?: ComponentType<LinkPreviewsProps>;
  /**
   * The URL policy of the previews: checks (and may rewrite) each URL before it is loaded or linked;
   * `null` refuses it. Default `safeUrlTransform`, the Markdown's policy.
   */
  previewUrlTransform?: (url: string, file: TaskOutputFile) => string | null;
  /** Strings of the previews (image names, viewer, download links), as `<TaskOutputs>` takes them. */
  previewLabels?: Partial<TaskLabels>;
  /** More controls for the reply's footer, after its Copy button (e.g. `<AgentChat>`'s action bar). */
  footer?: ReactNode;
}

/** The view state of a stream (see {@link AgentMessageStatus}). */
export function agentMessageStatus(stream: AgentStream): AgentMessageStatus {
  if (stream.status === 'unknown' || stream.error?.kind === 'unknown-token') return 'unknown-token';
  if (stream.status === 'agent_cancel') return 'cancelled';
  if (stream.status === 'agent_error') return stream.error?.kind === 'response' ? 'failed' : 'error';
  if (stream.status === 'agent_end') return 'done';
  if (stream.error?.kind === 'connection') return 'connection-failed';
  if (stream.error?.kind === 'protocol') return 'error';
  if (stream.isThinking) return 'thinking';
  if (stream.segments.length > 0 || stream.answer !== '') return 'streaming';
  if (stream.status === 'idle') return 'idle';
  return 'waiting';
}

/**
 * One agent reply: thinking blocks and answer in reply order, the answer as streaming Markdown,
 * and the reply's state (waiting, reconnecting, cancelled, failed, errors) around it.
 *
 * The text region is `aria-live="polite"` and `aria-busy` while the reply streams, so screen
 * readers read the finished answer rather than every update; errors are `role="alert"`.
 */
export function AgentMessage(props: AgentMessageProps): ReactElement {
  const followed = useAgentStream(props.stream ? null : props.agenttoken);
  const stream = props.stream ?? followed;
  const connection = useAgentConnection();
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultLabels, props.labels);
  const onCopyRef = useLatest(props.onCopy);
  const onCopy = useCallback<CopyHandler>((text, kind) => onCopyRef.current?.(text, kind), [onCopyRef]);
  const kit = useMemo<KitSettings>(() => ({ unstyled, labels, onCopy }), [unstyled, labels, onCopy]);

  const view = agentMessageStatus(stream);
  const showThinking = props.showThinking ?? true;
  const reconnecting = connection.status === 'reconnecting' && stream.isStreaming;
  // Text that will not grow any more but may be cut mid-syntax (cancel, error, lost socket) is
  // healed like a live tail; a finished answer is rendered exactly as sent.
  const healTail = view !== 'done' && view !== 'failed';
  const caret = (props.caret ?? true) && stream.isStreaming && !stream.isThinking;

  const segments = segmentsOf(stream);
  const last = segments.length - 1;
  const body: ReactNode[] = segments.map((segment, index) => {
    if (segment.kind === 'thinking') {
      if (!showThinking) return null;
      return <ThinkingBlock key={index} thinking={segment.text} isThinking={stream.isThinking && index === last} />;
    }
    return (
      <StreamingMarkdown
        key={index}
        streaming={healTail && index === last}
        caret={caret && index === last}
        components={props.components}
        plugins={props.plugins}
      >
        {segment.text}
      </StreamingMarkdown>
    );
  });

  const Previews = props.linkPreviews;
  const waiting = view === 'waiting' || (view === 'thinking' && !showThinking);
  const canCopy = !stream.isStreaming && stream.answer.trim() !== '';
  const metrics = props.showMetrics === true ? <StreamMetrics stream={stream} /> : null;

  return (
    <KitContext.Provider value={kit}>
      <div
        className={rootClass(unstyled, 'wiro-message', props.className)}
        data-status={view}
        data-reconnecting={reconnecting ? 'true' : undefined}
      >
        <div className={kitClass(unstyled, 'wiro-message-body')} aria-live="polite" aria-busy={stream.isStreaming}>
          {body}
        </div>
        {waiting ? (
          <Waiting label={view === 'thinking' ? labels.thinking : labels.waiting} unstyled={unstyled} />
        ) : null}
        {reconnecting ? (
          <p role="status" className={kitClass(unstyled, 'wiro-message-note')}>
            {labels.reconnecting}
          </p>
        ) : null}
        {Previews !== undefined ? (
          <Previews
            text={stream.answer}
            complete={!stream.isStreaming}
            urlTransform={props.previewUrlTransform}
            labels={props.previewLabels}
            unstyled={unstyled}
          />
        ) : null}
        <StatusNote stream={stream} view={view} labels={labels} unstyled={unstyled} />
        {canCopy || metrics || props.footer ? (
          <div className={kitClass(unstyled, 'wiro-message-footer')}>
            {canCopy ? <CopyButton kind="answer" text={stream.answer} /> : null}
            {props.footer}
            {metrics}
          </div>
        ) : null}
      </div>
    </KitContext.Provider>
  );
}

/** Segments to render, with a pending thinking block while the model thinks but has written nothing yet. */
function segmentsOf(stream: AgentStream): StreamSegment[] {
  let segments: StreamSegment[] = stream.segments;
  if (segments.length === 0 && stream.answer !== '') segments = [{ kind: 'answer', text: stream.answer }];
  if (stream.isThinking && segments[segments.length - 1]?.kind !== 'thinking') {
    segments = [...segments, { kind: 'thinking', text: '' }];
  }
  return segments;
}

function Waiting({ label, unstyled }: { label: string; unstyled: boolean }): ReactElement {
  return (
    <div role="status" className={kitClass(unstyled, 'wiro-message-waiting')}>
      {unstyled ? null : (
        <span className="wiro-dots" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
      )}
      <span style={visuallyHidden}>{label}</span>
    </div>
  );
}

interface StatusNoteProps {
  stream: AgentStream;
  view: AgentMessageStatus;
  labels: AgentMessageLabels;
  unstyled: boolean;
}

/** The line under the text that says how the reply ended, when it did not end well. */
function StatusNote({ stream, view, labels, unstyled }: StatusNoteProps): ReactElement | null {
  switch (view) {
    case 'error':
      return (
        <p role="alert" className={kitClass(unstyled, 'wiro-message-error')}>
          {stream.error?.message || labels.error}
        </p>
      );
    case 'failed':
      return (
        <p role="alert" className={kitClass(unstyled, 'wiro-message-error', 'wiro-message-failed')}>
          {labels.failed}
        </p>
      );
    case 'unknown-token':
      return (
        <p role="alert" className={kitClass(unstyled, 'wiro-message-error')}>
          {labels.unknownToken}
        </p>
      );
    case 'connection-failed':
      return (
        <p role="alert" className={kitClass(unstyled, 'wiro-message-error')}>
          {labels.connectionFailed}
        </p>
      );
    case 'cancelled':
      return (
        <p role="status" className={kitClass(unstyled, 'wiro-message-note', 'wiro-message-cancelled')}>
          {labels.cancelled}
        </p>
      );
    default:
      return null;
  }
}
