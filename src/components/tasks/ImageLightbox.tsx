'use client';

import { useEffect, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { createPortal } from 'react-dom';
import { trapTab } from '../focus-trap.js';
import { kitClass } from '../kit.js';
import type { TaskLabels } from './labels.js';

/** One image the viewer can show; its `url` already passed the URL policy. */
export interface LightboxImage {
  name: string;
  url: string;
}

/** Props of {@link ImageLightbox}. */
export interface ImageLightboxProps {
  images: readonly LightboxImage[];
  /** The image shown. */
  index: number;
  /** Show another image (the arrows, and the Left/Right keys, wrap around). */
  onNavigate: (index: number) => void;
  /** Close the viewer (Escape, the close button, a click beside the image). The caller moves focus back. */
  onClose: () => void;
  labels: TaskLabels;
  unstyled: boolean;
}

/**
 * A modal image viewer over the page: the image large with its name, previous/next, a download link and
 * a close button. Keyboard: Escape closes, Left/Right move, Tab stays inside. Rendered into
 * `document.body` (it only ever opens after a click, so never during a server render).
 */
export function ImageLightbox(props: ImageLightboxProps): ReactElement | null {
  const { images, index, onNavigate, onClose, labels, unstyled } = props;
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const image = images[index];
  const count = images.length;

  // Focus moves into the viewer when it opens; the opener puts it back on close (it knows which thumbnail).
  useEffect(() => {
    close.current?.focus();
  }, []);

  if (image === undefined) return null;
  const move = (delta: number): void => onNavigate((index + delta + count) % count);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowLeft' && count > 1) {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'ArrowRight' && count > 1) {
      event.preventDefault();
      move(1);
    } else if (event.key === 'Tab') {
      trapTab(event, dialog.current);
    }
  };

  const name = labels.viewer(image.name, index + 1, count);
  return createPortal(
    <div
      ref={dialog}
      role="dialog"
      aria-modal="true"
      aria-label={name}
      className={kitClass(unstyled, 'wiro-task-lightbox')}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <figure className={kitClass(unstyled, 'wiro-task-lightbox-figure')}>
        <img src={image.url} alt={labels.imageAlt(image.name, index + 1, count)} />
        <figcaption>{count > 1 ? `${image.name} · ${index + 1} / ${count}` : image.name}</figcaption>
      </figure>
      <div className={kitClass(unstyled, 'wiro-task-lightbox-bar')}>
        {count > 1 ? (
          <>
            <button type="button" aria-label={labels.previous} onClick={() => move(-1)}>
              <span aria-hidden="true">‹</span>
            </button>
            <button type="button" aria-label={labels.next} onClick={() => move(1)}>
              <span aria-hidden="true">›</span>
            </button>
          </>
        ) : null}
        <a href={image.url} download={image.name} target="_blank" rel="noopener noreferrer">
          {labels.download(image.name)}
        </a>
        <button ref={close} type="button" aria-label={labels.close} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </div>,
    document.body,
  );
}
