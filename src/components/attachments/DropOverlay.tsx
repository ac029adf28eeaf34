'use client';

import type { ReactElement } from 'react';
import { rootClass, useStableMerge } from '../kit.js';
import { defaultAttachmentLabels, type AttachmentLabels } from './labels.js';

/** Props of {@link DropOverlay}. */
export interface DropOverlayProps {
  /** Files are dragged over the target (`useFileDrop().isDragOver`). */
  active: boolean;
  /** Strings to override (translation): `dropFiles`. */
  labels?: Partial<AttachmentLabels>;
  className?: string;
  /** Render without the kit's class name (bring your own CSS). Default `false`. */
  unstyled?: boolean;
}

/**
 * "Drop files to attach them", over the drop target while files are dragged over it. Put it inside
 * the target (which the stylesheet positions it over, with `position: relative` on the target).
 * Hidden from screen readers: dragging is a pointer gesture, and the file picker is the accessible way in.
 */
export function DropOverlay(props: DropOverlayProps): ReactElement | null {
  const labels = useStableMerge(defaultAttachmentLabels, props.labels);
  if (!props.active) return null;
  return (
    <div className={rootClass(props.unstyled ?? false, 'wiro-drop-overlay', props.className)} aria-hidden="true">
      <span>{labels.dropFiles}</span>
    </div>
  );
}
