'use client';

import { memo, useId, useMemo, type ReactElement } from 'react';
import type { Components } from 'react-markdown';
import type { TaskOutputFile } from '../../protocol/task-types.js';
import type { TaskStream } from '../../store/task-types.js';
import { KitContext, kitClass, rootClass, useStableMerge, type KitSettings } from '../kit.js';
import { defaultLabels, type AgentMessageLabels } from '../labels.js';
import { safeUrlTransform } from '../markdown/url.js';
import { defaultTaskLabels, type TaskLabels } from './labels.js';
import { OutputFiles } from './OutputFiles.js';
import { taskStage } from './stage.js';
import { TaskText } from './TaskText.js';

/** Props of {@link TaskOutputs}. */
export interface TaskOutputsProps {
  /** The run whose results to show. */
  task: TaskStream;
  /** Show an LLM run's reasoning in collapsible blocks. Default `true`. */
  showThinking?: boolean;
  /** react-markdown components for an LLM run's text, merged over the kit's. Keep the object stable. */
  components?: Components;
  /** How many last lines of stderr a failed run shows. Default 12. */
  errorLines?: number;
  /**
   * Checks (and may rewrite) each output URL before it is linked or loaded; `null` refuses it. Default:
   * `safeUrlTransform`, the markdown URL policy. A transform of your own (signing CDN URLs, routing them
   * through your server) replaces the policy: call `safeUrlTransform` on what it returns to keep it.
   */
  urlTransform?: (url: string, file: TaskOutputFile) => string | null;
  /** BCP 47 locale for file sizes. Default: the runtime's. */
  locale?: string;
  className?: string;
  /** Render without the kit's class names, so `styles.css` does not apply. Default `false`. */
  unstyled?: boolean;
  /** Strings to override (translation). */
  labels?: Partial<TaskLabels>;
  /** Strings of the LLM text's parts (thinking block titles), as `AgentMessage` takes them. */
  textLabels?: Partial<AgentMessageLabels>;
}

/**
 * What a model run produced: an LLM's text (streaming Markdown, with its reasoning), images in a grid
 * that open in a viewer (keyboard: Escape, Left/Right), video and audio players, and other files as
 * download links with their size. A failed run shows why (its exit code) and the last lines of stderr.
 *
 * Every URL passes the same policy as the kit's markdown (`safeUrlTransform`: http(s), mailto, relative;
 * see `urlTransform`): a file whose address is refused (`javascript:`, `data:`) is named but neither
 * linked nor loaded.
 */
export const TaskOutputs = /* @__PURE__ */ memo(function TaskOutputs(props: TaskOutputsProps): ReactElement {
  const { task, locale } = props;
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultTaskLabels, props.labels);
  const textLabels = useStableMerge(defaultLabels, props.textLabels);
  const kit = useMemo<KitSettings>(() => ({ unstyled, labels: textLabels, onCopy: undefined }), [unstyled, textLabels]);
  const stage = taskStage(task);
  const urlTransform = props.urlTransform ?? safeUrlTransform;

  const failed = stage === 'failed';
  const errorTail = failed ? lastLines(task.stderr, props.errorLines ?? 12) : '';
  const empty = stage === 'succeeded' && task.outputs.length === 0 && (task.text === null || task.text.raw === '');

  return (
    <KitContext.Provider value={kit}>
      <div
        className={rootClass(unstyled, 'wiro-task-outputs', props.className)}
        data-stage={stage}
        role="group"
        aria-label={labels.outputs}
      >
        {failed ? (
          <div role="alert" className={kitClass(unstyled, 'wiro-task-error')}>
            {labels.failed(task.exitCode)}
          </div>
        ) : null}
        {errorTail !== '' ? <ErrorLog text={errorTail} labels={labels} unstyled={unstyled} /> : null}
        {stage === 'unknown' ? (
          <p role="alert" className={kitClass(unstyled, 'wiro-task-error')}>
            {labels.unknown}
          </p>
        ) : null}
        {task.text !== null ? (
          <TaskText text={task.text} showThinking={props.showThinking} components={props.components} />
        ) : null}
        <OutputFiles
          files={task.outputs}
          urlTransform={urlTransform}
          labels={labels}
          unstyled={unstyled}
          locale={locale}
        />
        {empty ? <p className={kitClass(unstyled, 'wiro-task-note')}>{labels.noOutputs}</p> : null}
      </div>
    </KitContext.Provider>
  );
});

function ErrorLog({ text, labels, unstyled }: { text: string; labels: TaskLabels; unstyled: boolean }): ReactElement {
  const title = useId();
  return (
    <figure className={kitClass(unstyled, 'wiro-task-log')} aria-labelledby={title}>
      <figcaption id={title}>{labels.errorLog}</figcaption>
      <pre>
        <code>{text}</code>
      </pre>
    </figure>
  );
}

/** The last `count` non-empty lines of a log. */
function lastLines(log: string, count: number): string {
  const lines = log.split('\n');
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  return lines.slice(-Math.max(1, count)).join('\n');
}
