'use client';

import { useMemo, useRef, useState, type ReactElement } from 'react';
import type { TaskOutputFile } from '../../protocol/task-types.js';
import { kitClass } from '../kit.js';
import { formatBytes } from './format.js';
import { ImageLightbox, type LightboxImage } from './ImageLightbox.js';
import type { TaskLabels } from './labels.js';
import { taskOutputKind, type TaskOutputKind } from './stage.js';

/** Props of {@link OutputFiles}. */
export interface OutputFilesProps {
  files: readonly TaskOutputFile[];
  /** The URL policy: each URL is checked (and may be rewritten); `null` refuses it. */
  urlTransform: (url: string, file: TaskOutputFile) => string | null;
  labels: TaskLabels;
  unstyled: boolean;
  locale?: string;
}

/** A file with its URL checked, sorted by how it is shown. */
interface ShownFile {
  file: TaskOutputFile;
  kind: TaskOutputKind;
  /** `null` when the URL policy refused the address: the file is named, not linked. */
  url: string | null;
}

/**
 * Files shown by kind: images in a grid that opens in a viewer, video and audio players, other files as
 * download links with their size. The pieces `<TaskOutputs>` shows a run's results with, and
 * `<AgentMessage linkPreviews>` the files an answer links to. Renders nothing for no files.
 */
export function OutputFiles({ files, urlTransform, labels, unstyled, locale }: OutputFilesProps): ReactElement | null {
  const shown = useMemo(() => files.map((file) => checkFile(file, urlTransform)), [files, urlTransform]);
  const images = useMemo(
    () => shown.filter((o): o is ShownFile & { url: string } => o.kind === 'image' && o.url !== null),
    [shown],
  );
  const [viewing, setViewing] = useState<number | null>(null);
  const thumbnails = useRef<(HTMLButtonElement | null)[]>([]);
  if (shown.length === 0) return null;

  const closeViewer = (): void => {
    if (viewing !== null) thumbnails.current[viewing]?.focus();
    setViewing(null);
  };
  const players = shown.filter((o) => o.url !== null && (o.kind === 'video' || o.kind === 'audio'));
  const others = shown.filter((o) => o.url === null || o.kind === 'file');

  return (
    <>
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
      {others.length > 0 ? (
        <ul className={kitClass(unstyled, 'wiro-task-files')}>
          {others.map((output, index) => (
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
    </>
  );
}

function Player({
  output,
  labels,
  unstyled,
}: {
  output: ShownFile;
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

function checkFile(file: TaskOutputFile, transform: (url: string, file: TaskOutputFile) => string | null): ShownFile {
  const url = transform(file.url, file);
  return { file, kind: taskOutputKind(file), url: url === null || url.trim() === '' ? null : url };
}

function lightboxImage(output: ShownFile & { url: string }): LightboxImage {
  return { name: output.file.name, url: output.url };
}
