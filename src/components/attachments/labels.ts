/**
 * User-facing strings of the attachment pieces (`AttachmentPreviews`, `AttachmentErrors`,
 * `MessageAttachments`, `DropOverlay`), overridable through their `labels` prop (translation).
 * @packageDocumentation
 */
import { formatFileSize } from './format.js';

/** Every string the attachment pieces show or announce. */
export interface AttachmentLabels {
  /** Accessible name of the files about to be sent. */
  attachments: string;
  /** Accessible name of the files a sent message carries. */
  sentAttachments: string;
  /** Accessible name of a file's remove button. */
  remove: (name: string) => string;
  /** A file size, e.g. `"12.3 kB"` (default: `formatFileSize` in the runtime's locale). */
  fileSize: (bytes: number) => string;
  /** Alternative text of a sent image. */
  imageAlt: (name: string) => string;
  /** Read after a link that opens in a new tab. */
  opensInNewTab: string;
  /** A file whose type `accept` does not list (`accept` as given, e.g. `"image/*,.pdf"`). */
  rejectedType: (name: string, accept: string) => string;
  /** A file larger than the limit (both already formatted with `fileSize`). */
  rejectedSize: (name: string, size: string, limit: string) => string;
  /** Files left out because `maxFiles` were attached already. */
  tooMany: (maxFiles: number, leftOut: readonly string[]) => string;
  /** Shown over the drop target while files are dragged over it. */
  dropFiles: string;
  /** Button that hides the errors. */
  dismiss: string;
}

/** The English defaults. */
export const defaultAttachmentLabels: Readonly<AttachmentLabels> = /* @__PURE__ */ Object.freeze({
  attachments: 'Files to send',
  sentAttachments: 'Attached files',
  remove: (name: string) => `Remove ${name}`,
  fileSize: (bytes: number) => formatFileSize(bytes),
  imageAlt: (name: string) => (name === '' ? 'Attached image' : `Attached image: ${name}`),
  opensInNewTab: '(opens in a new tab)',
  rejectedType: (name: string, accept: string) =>
    `“${name}” can’t be attached: only ${listAccept(accept)} files are accepted.`,
  rejectedSize: (name: string, size: string, limit: string) =>
    `“${name}” is too large (${size}). Files can be up to ${limit}.`,
  tooMany: (maxFiles: number, leftOut: readonly string[]) =>
    `You can attach up to ${maxFiles} ${maxFiles === 1 ? 'file' : 'files'}, so ${
      leftOut.length === 1 ? `“${leftOut[0]}” was` : `${leftOut.length} files were`
    } not added.`,
  dropFiles: 'Drop files to attach them',
  dismiss: 'Dismiss',
});

/** `"image/*,.pdf"` as `"image/*, .pdf"`. */
function listAccept(accept: string): string {
  return accept
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '')
    .join(', ');
}
