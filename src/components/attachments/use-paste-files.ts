'use client';

import { useCallback, type ClipboardEvent } from 'react';
import { useLatest } from '../../react/use-latest.js';

/** Options of {@link usePasteFiles}. */
export interface UsePasteFilesOptions {
  /** Called with the pasted files (validate them with `useAttachments().add`). */
  onFiles: (files: File[]) => void;
  /** Let every paste through as the browser does it. */
  disabled?: boolean;
}

/**
 * An `onPaste` handler for a text box that takes pasted files (a screenshot, an image copied in a
 * browser) as attachments. When the clipboard also holds plain text (copying from a word processor
 * puts both the text and a picture of it there), the text is pasted and the files are ignored: people
 * pasting text expect text. Pasted images named generically (`image.png`) get a unique name, so
 * several pastes can be told apart.
 *
 * @example
 * ```tsx
 * const onPaste = usePasteFiles({ onFiles: attachments.add });
 * <textarea onPaste={onPaste} />
 * ```
 */
export function usePasteFiles(options: UsePasteFilesOptions): (event: ClipboardEvent<HTMLElement>) => void {
  const optionsRef = useLatest(options);
  return useCallback(
    (event: ClipboardEvent<HTMLElement>) => {
      if (optionsRef.current.disabled) return;
      const data = event.clipboardData;
      if (!data || data.getData('text/plain') !== '') return;
      const files = clipboardFiles(data);
      if (files.length === 0) return;
      // Otherwise the browser would paste the file's name (or nothing useful) into the text.
      event.preventDefault();
      optionsRef.current.onFiles(files.map(named));
    },
    [optionsRef],
  );
}

function clipboardFiles(data: DataTransfer): File[] {
  const direct = Array.from(data.files ?? []);
  if (direct.length > 0) return direct;
  const out: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file') continue;
    const file = item.getAsFile();
    if (file) out.push(file);
  }
  return out;
}

let pasted = 0;

/** `image.png` (what browsers call every pasted image) becomes `pasted-image-<time>-<n>.png`. */
function named(file: File): File {
  if (file.name !== '' && !/^image\.\w+$/i.test(file.name)) return file;
  pasted += 1;
  const extension = /\.(\w+)$/.exec(file.name)?.[1] ?? file.type.split('/')[1]?.split('+')[0] ?? 'bin';
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return new File([file], `pasted-image-${stamp}-${pasted}.${extension}`, {
    type: file.type,
    lastModified: file.lastModified,
  });
}
