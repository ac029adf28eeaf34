'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { useLatest } from '../../react/use-latest.js';
import { validateFiles, type AttachmentLimits, type FileRejection } from './validate.js';

/** Options of {@link useAttachments}: the limits, read when files are added. */
export type UseAttachmentsOptions = AttachmentLimits;

/** What {@link useAttachments} returns. Functions keep their identity. */
export interface UseAttachmentsResult {
  /** The files to send with the next message, in the order they were added. */
  files: readonly File[];
  /** Why the files of the last `add` that were refused were refused (empty when none were). */
  rejections: readonly FileRejection[];
  /**
   * Add files (picked, dropped, pasted): those within the limits are attached, the others are reported
   * in `rejections` (which replace the previous ones). Returns the files attached.
   */
  add: (files: Iterable<File> | ArrayLike<File>) => File[];
  /** Take a file off before sending. */
  remove: (file: File) => void;
  /** Empty the list and the rejections (after sending). */
  clear: () => void;
  /** Hide the rejections. */
  dismissRejections: () => void;
}

const NONE: readonly FileRejection[] = /* @__PURE__ */ Object.freeze([]);

/**
 * The files a composer will send, checked against `accept`, `maxFileBytes` and `maxFiles` as they come
 * in from the file picker, `useFileDrop` or `usePasteFiles`. Show them with `<AttachmentPreviews>` and
 * the refusals with `<AttachmentErrors>`.
 *
 * @example
 * ```tsx
 * const attachments = useAttachments({ accept: 'image/*,.pdf', maxFileBytes: 10_000_000, maxFiles: 4 });
 * const drop = useFileDrop({ onFiles: attachments.add });
 * const onPaste = usePasteFiles({ onFiles: attachments.add });
 * ```
 */
export function useAttachments(options: UseAttachmentsOptions = {}): UseAttachmentsResult {
  const optionsRef = useLatest(options);
  const [files, setFiles] = useState<readonly File[]>([]);
  const [rejections, setRejections] = useState<readonly FileRejection[]>(NONE);
  // The list as last set, for `add` to count against when called twice before a render.
  const current = useRef<readonly File[]>(files);

  const add = useCallback(
    (incoming: Iterable<File> | ArrayLike<File>) => {
      const { accepted, rejected } = validateFiles(Array.from(incoming), optionsRef.current, current.current.length);
      if (accepted.length > 0) {
        current.current = [...current.current, ...accepted];
        setFiles(current.current);
      }
      setRejections(rejected.length > 0 ? rejected : NONE);
      return accepted;
    },
    [optionsRef],
  );
  const remove = useCallback((file: File) => {
    const next = current.current.filter((f) => f !== file);
    if (next.length === current.current.length) return;
    current.current = next;
    setFiles(next);
  }, []);
  const clear = useCallback(() => {
    current.current = [];
    setFiles(current.current);
    setRejections(NONE);
  }, []);
  const dismissRejections = useCallback(() => setRejections(NONE), []);

  return useMemo(
    () => ({ files, rejections, add, remove, clear, dismissRejections }),
    [files, rejections, add, remove, clear, dismissRejections],
  );
}
