'use client';

import { memo, useRef, type ReactElement } from 'react';
import { CloseIcon } from '../chat/icons.js';
import { kitClass, rootClass, useStableMerge } from '../kit.js';
import { isImageFile } from './format.js';
import { defaultAttachmentLabels, type AttachmentLabels } from './labels.js';
import { useBrowserLayoutEffect } from '../../react/use-browser-layout-effect.js';

/** Props of {@link AttachmentPreviews}. */
export interface AttachmentPreviewsProps {
  /** The files about to be sent (`useAttachments().files`). */
  files: readonly File[];
  /** Shows a remove button on each file. Typically `useAttachments().remove`. */
  onRemove?: (file: File, index: number) => void;
  /** Strings to override (translation). */
  labels?: Partial<AttachmentLabels>;
  className?: string;
  /** Render without the kit's class names (bring your own CSS). Default `false`. */
  unstyled?: boolean;
}

const fileIds = /* @__PURE__ */ new WeakMap<File, number>();
let nextFileId = 0;

/** A key per File object, so removing one file does not hand another's thumbnail to its neighbour. */
function fileKey(file: File): number {
  let id = fileIds.get(file);
  if (id === undefined) {
    id = ++nextFileId;
    fileIds.set(file, id);
  }
  return id;
}

/**
 * The files about to be sent, before sending: images as thumbnails, other files with their name and
 * size, each with a remove button. Thumbnails come from object URLs made when a preview mounts and
 * revoked when it unmounts or its file changes, so removed files and unmounted composers leak nothing.
 * After a removal, focus moves to the next file's remove button.
 */
export const AttachmentPreviews = /* @__PURE__ */ memo(function AttachmentPreviews(
  props: AttachmentPreviewsProps,
): ReactElement | null {
  const { files, onRemove } = props;
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultAttachmentLabels, props.labels);
  const listRef = useRef<HTMLUListElement | null>(null);
  const removedAt = useRef<number | null>(null);

  // A removed file's button took the focus with it: hand it to the file now in its place.
  useBrowserLayoutEffect(() => {
    const index = removedAt.current;
    if (index === null) return;
    removedAt.current = null;
    const active = document.activeElement;
    if (active !== null && active !== document.body && active.isConnected) return;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-remove]');
    if (buttons === undefined || buttons.length === 0) return;
    buttons[Math.min(index, buttons.length - 1)]?.focus();
  }, [files]);

  if (files.length === 0) return null;
  const seen = new Set<number>();
  return (
    <ul
      ref={listRef}
      className={rootClass(unstyled, 'wiro-attachments', props.className)}
      aria-label={labels.attachments}
    >
      {files.map((file, index) => {
        let key = String(fileKey(file));
        // The same File added twice: keep keys unique.
        if (seen.has(fileKey(file))) key = `${key}-${index}`;
        seen.add(fileKey(file));
        const image = isImageFile(file);
        return (
          <li key={key} className={kitClass(unstyled, 'wiro-attachment')} data-kind={image ? 'image' : 'file'}>
            {image ? <Thumbnail file={file} unstyled={unstyled} /> : <FileBadge name={file.name} unstyled={unstyled} />}
            <span className={kitClass(unstyled, 'wiro-attachment-text')}>
              <span className={kitClass(unstyled, 'wiro-attachment-name')} title={file.name}>
                {file.name}
              </span>
              <span className={kitClass(unstyled, 'wiro-attachment-size')}>{labels.fileSize(file.size)}</span>
            </span>
            {onRemove ? (
              <button
                type="button"
                data-remove=""
                className={kitClass(unstyled, 'wiro-attachment-remove')}
                aria-label={labels.remove(file.name)}
                title={labels.remove(file.name)}
                onClick={() => {
                  removedAt.current = index;
                  onRemove(file, index);
                }}
              >
                <CloseIcon />
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
});

/**
 * An image file's thumbnail. The object URL is made in a layout effect and set on the `<img>`
 * directly (no extra render, no flash), and revoked in the effect's cleanup: on unmount, on a new file,
 * and between StrictMode's double mount.
 */
function Thumbnail({ file, unstyled }: { file: File; unstyled: boolean }): ReactElement {
  const imageRef = useRef<HTMLImageElement | null>(null);
  useBrowserLayoutEffect(() => {
    const image = imageRef.current;
    if (image === null || typeof URL.createObjectURL !== 'function') return;
    const url = URL.createObjectURL(file);
    image.src = url;
    return () => {
      image.removeAttribute('src');
      URL.revokeObjectURL(url);
    };
  }, [file]);
  // Decorative: the file's name is written beside it.
  return <img ref={imageRef} className={kitClass(unstyled, 'wiro-attachment-thumb')} alt="" decoding="async" />;
}

/** A non-image file: a badge with its extension. */
function FileBadge({ name, unstyled }: { name: string; unstyled: boolean }): ReactElement {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toUpperCase() ?? '';
  return (
    <span className={kitClass(unstyled, 'wiro-attachment-badge')} aria-hidden="true">
      {extension}
    </span>
  );
}
