'use client';

import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { useLatest } from '../../react/use-latest.js';

/** Options of {@link useFileDrop}. */
export interface UseFileDropOptions {
  /** Called with the dropped files (validate them with `useAttachments().add`). */
  onFiles: (files: File[]) => void;
  /** Ignore drags (e.g. while the chat cannot send). */
  disabled?: boolean;
}

/** The handlers and state attribute to spread on the drop target. */
export interface FileDropProps {
  onDragEnter: (event: DragEvent<HTMLElement>) => void;
  onDragOver: (event: DragEvent<HTMLElement>) => void;
  onDragLeave: (event: DragEvent<HTMLElement>) => void;
  onDrop: (event: DragEvent<HTMLElement>) => void;
  /** `"true"` while files are dragged over the target, for CSS (`[data-drag-over]`). */
  'data-drag-over': 'true' | undefined;
}

/** What {@link useFileDrop} returns. */
export interface FileDrop {
  /** `true` while files are dragged over the target. */
  isDragOver: boolean;
  /** Spread on the element files can be dropped onto: `<section {...drop.dropProps}>`. */
  dropProps: FileDropProps;
}

/**
 * Drag and drop of files onto an element (a chat thread, say). Only drags that carry files count: text
 * or links dragged over the page are left to the browser. While files are over the element it carries
 * `data-drag-over="true"` (and `isDragOver` is `true`), counted across its children so moving over a
 * child does not flicker; dropping hands the files to `onFiles` instead of letting the browser open them.
 */
export function useFileDrop(options: UseFileDropOptions): FileDrop {
  const optionsRef = useLatest(options);
  const [isDragOver, setDragOver] = useState(false);
  /** dragenter/dragleave pairs seen: enter on a child fires before leave on the parent. */
  const depth = useRef(0);

  const onDragEnter = useCallback(
    (event: DragEvent<HTMLElement>) => {
      if (optionsRef.current.disabled || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragOver(true);
    },
    [optionsRef],
  );
  const onDragOver = useCallback(
    (event: DragEvent<HTMLElement>) => {
      if (optionsRef.current.disabled || !carriesFiles(event)) return;
      // Cancelling dragover is what makes the element a drop target.
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    [optionsRef],
  );
  const onDragLeave = useCallback((event: DragEvent<HTMLElement>) => {
    if (depth.current === 0 || !carriesFiles(event)) return;
    depth.current -= 1;
    if (depth.current === 0) setDragOver(false);
  }, []);
  const onDrop = useCallback(
    (event: DragEvent<HTMLElement>) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setDragOver(false);
      if (optionsRef.current.disabled) return;
      const files = Array.from(event.dataTransfer.files ?? []);
      if (files.length > 0) optionsRef.current.onFiles(files);
    },
    [optionsRef],
  );

  return useMemo(
    () => ({
      isDragOver,
      dropProps: {
        onDragEnter,
        onDragOver,
        onDragLeave,
        onDrop,
        'data-drag-over': isDragOver ? 'true' : undefined,
      },
    }),
    [isDragOver, onDragEnter, onDragOver, onDragLeave, onDrop],
  );
}

function carriesFiles(event: DragEvent<HTMLElement>): boolean {
  const types = event.dataTransfer?.types;
  return types !== undefined && Array.from(types).includes('Files');
}
