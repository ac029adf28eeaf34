'use client';

import { memo, useId, useMemo, useRef, useState, type ReactElement } from 'react';
import type { Components } from 'react-markdown';
import type { TaskOutputFile } from '../../protocol/task-types.js';
import type { TaskStream } from '../../store/task-types.js';
import { KitContext, kitClass, rootClass, useStableMerge, type KitSettings } from '../kit.js';
import { defaultLabels, type AgentMessageLabels } from '../labels.js';
import { safeUrlTransform } from '../markdown/url.js';
import { formatBytes } from './format.js';
import { ImageLightbox, type LightboxImage } from './ImageLightbox.js';
import { defaultTaskLabels, type TaskLabels } from './labels.js';
import { taskOutputKind, taskStage, type TaskOutputKind } from './stage.js';
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

/** An output with its URL checked, sorted by how it is shown. */
interface ShownOutput {
  file: TaskOutputFile;
  kind: TaskOutputKind;
  /** `null` when the URL policy refused the address: the file is named, not linked. */
  url: string | null;
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
  const shown = useMemo(
    () => task.outputs.map((file) => checkOutput(file, urlTransform)),
    [task.outputs, urlTransform],
  );
  const images = useMemo(
    () => shown.filter((o): o is ShownOutput & { url: string } => o.kind === 'image' && o.url !== null),
    [shown],
  );
  const [viewing, setViewing] = useState<number | null>(null);
  const thumbnails = useRef<(HTMLButtonElement | null)[]>([]);

  const closeViewer = (): void => {
    if (viewing !== null) thumbnails.current[viewing]?.focus();
    setViewing(null);
  };

  const failed = stage === 'failed';
  const errorTail = failed ? lastLines(task.stderr, props.errorLines ?? 12) : '';
  const players = shown.filter((o) => o.url !== null && (o.kind === 'video' || o.kind === 'audio'));
  const files = shown.filter((o) => o.url === null || o.kind === 'file');
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
        {images.length > 0 ? (
          <ul className={kitClass(unstyled, 'wiro-task-images')}>
            {images.map((image, index) => (
              <li key={`${index}:${image.url}`}>
                <button
                  ref={(element) => {
                    thumbnails.current[index] = element;
                  }}
                  type="button"
                  className={kitClass(unstyled, 'wiro-task-thumb')}
                  aria-label={labels.openImage(image.file.name, index + 1, images.length)}
                  onClick={() => setViewing(index)}
                >
                  <img
                    src={image.url}
                    alt={labels.imageAlt(image.file.name, index + 1, images.length)}
                    loading="lazy"
                    decoding="async"
                  />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {players.map((output, index) => (
          <Player key={`${index}:${output.url}`} output={output} labels={labels} unstyled={unstyled} />
        ))}
        {files.length > 0 ? (
          <ul className={kitClass(unstyled, 'wiro-task-files')}>
            {files.map((output, index) => (
              <li key={`${index}:${output.file.url}`} data-unsafe={output.url === null ? 'true' : undefined}>
                {output.url === null ? (
                  <span>{labels.unsafeUrl(output.file.name)}</span>
                ) : (
                  <a
                    href={output.url}
                    download={output.file.name}
                    target="_blank"
                    rel="noopener noreferrer"
                    aria-label={labels.download(output.file.name)}
                  >
                    {output.file.name}
                  </a>
                )}
                {output.file.size !== null ? (
                  <span className={kitClass(unstyled, 'wiro-task-file-size')}>
                    {formatBytes(output.file.size, labels, locale)}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {empty ? <p className={kitClass(unstyled, 'wiro-task-note')}>{labels.noOutputs}</p> : null}
        {viewing !== null && images.length > 0 ? (
          <ImageLightbox
            images={images.map(lightboxImage)}
            index={Math.min(viewing, images.length - 1)}
            onNavigate={setViewing}
            onClose={closeViewer}
            labels={labels}
            unstyled={unstyled}
          />
        ) : null}
      </div>
    </KitContext.Provider>
  );
});

function Player({
  output,
  labels,
  unstyled,
}: {
  output: ShownOutput;
  labels: TaskLabels;
  unstyled: boolean;
}): ReactElement {
  const url = output.url as string;
  const { name } = output.file;
  return (
    <figure className={kitClass(unstyled, 'wiro-task-media')} data-kind={output.kind}>
      {output.kind === 'video' ? (
        <video src={url} controls preload="metadata" playsInline aria-label={name} />
      ) : (
        <audio src={url} controls preload="metadata" aria-label={name} />
      )}
      <figcaption>
        <a href={url} download={name} target="_blank" rel="noopener noreferrer" aria-label={labels.download(name)}>
          {name}
        </a>
      </figcaption>
    </figure>
  );
}

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

function checkOutput(
  file: TaskOutputFile,
  transform: (url: string, file: TaskOutputFile) => string | null,
): ShownOutput {
  const url = transform(file.url, file);
  return { file, kind: taskOutputKind(file), url: url === null || url.trim() === '' ? null : url };
}

function lightboxImage(output: ShownOutput & { url: string }): LightboxImage {
  return { name: output.file.name, url: output.url };
}

/** The last `count` non-empty lines of a log. */
function lastLines(log: string, count: number): string {
  const lines = log.split('\n');
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  return lines.slice(-Math.max(1, count)).join('\n');
}
