'use client';

import { memo, useMemo, useState, type ReactElement } from 'react';
import type { ChatAttachment } from '../../chat/types.js';
import { kitClass, rootClass, useStableMerge, visuallyHidden } from '../kit.js';
import { safeUrlTransform } from '../markdown/url.js';
import { isImageFile } from './format.js';
import { defaultAttachmentLabels, type AttachmentLabels } from './labels.js';

/** Props of {@link MessageAttachments}. */
export interface MessageAttachmentsProps {
  /** The files a sent message carries (`ChatMessage.attachments`). Nothing renders when empty. */
  attachments: readonly ChatAttachment[];
  /**
   * Checks (and may rewrite) each file's URL before it is linked or loaded; `null` refuses it (the file
   * is named, neither linked nor loaded). Default: `safeUrlTransform`, the markdown URL policy (http(s),
   * mailto, relative). Your own transform replaces the policy: call `safeUrlTransform` on its result to keep it.
   */
  urlTransform?: (url: string, attachment: ChatAttachment) => string | null;
  /** Strings to override (translation). */
  labels?: Partial<AttachmentLabels>;
  className?: string;
  /** Render without the kit's class names (bring your own CSS). Default `false`. */
  unstyled?: boolean;
}

interface Shown {
  attachment: ChatAttachment;
  /** The URL after the policy; `null` when refused or absent. */
  url: string | null;
  image: boolean;
}

/**
 * The files of a sent message, as history shows them: images inline (loaded from their URLs, each a
 * link to the full image in a new tab), other files as chips linking to them, with their size. A URL
 * the policy refuses (`javascript:`, `data:`), or none at all (a file just picked), names the file
 * without linking or loading it; an image that fails to load falls back to its chip.
 */
export const MessageAttachments = /* @__PURE__ */ memo(function MessageAttachments(
  props: MessageAttachmentsProps,
): ReactElement | null {
  const { attachments } = props;
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultAttachmentLabels, props.labels);
  const transform = props.urlTransform ?? safeUrlTransform;
  const [broken, setBroken] = useState<ReadonlySet<string>>(() => new Set());

  const shown = useMemo(
    () =>
      attachments.map((attachment): Shown => {
        const checked = attachment.url === null ? null : transform(attachment.url, attachment);
        const url = checked === null || checked.trim() === '' ? null : checked;
        return { attachment, url, image: url !== null && isImageFile(attachment) };
      }),
    [attachments, transform],
  );

  if (shown.length === 0) return null;
  const images = shown.filter((item) => item.image && !broken.has(item.url as string));
  const files = shown.filter((item) => !item.image || broken.has(item.url as string));

  return (
    <div
      className={rootClass(unstyled, 'wiro-message-attachments', props.className)}
      role="group"
      aria-label={labels.sentAttachments}
    >
      {images.length > 0 ? (
        <ul className={kitClass(unstyled, 'wiro-message-attachments-images')}>
          {images.map(({ attachment, url }, index) => (
            <li key={`${index}:${url}`}>
              <a
                href={url as string}
                target="_blank"
                rel="noopener noreferrer"
                className={kitClass(unstyled, 'wiro-message-attachment-image')}
              >
                <img
                  src={url as string}
                  alt={labels.imageAlt(attachment.name)}
                  loading="lazy"
                  decoding="async"
                  onError={() => setBroken((current) => new Set(current).add(url as string))}
                />
                <span style={visuallyHidden}> {labels.opensInNewTab}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {files.length > 0 ? (
        <ul className={kitClass(unstyled, 'wiro-message-attachments-files')}>
          {files.map(({ attachment, url }, index) => (
            <li key={`${index}:${attachment.name}`} className={kitClass(unstyled, 'wiro-message-attachment-file')}>
              {url === null ? (
                <span className={kitClass(unstyled, 'wiro-attachment-name')}>{attachment.name}</span>
              ) : (
                <a
                  href={url}
                  target="_blank"
                  rel="noopener noreferrer"
                  className={kitClass(unstyled, 'wiro-attachment-link')}
                >
                  <span className={kitClass(unstyled, 'wiro-attachment-name')}>{attachment.name}</span>
                  <span style={visuallyHidden}> {labels.opensInNewTab}</span>
                </a>
              )}
              {attachment.size !== null ? (
                <span className={kitClass(unstyled, 'wiro-attachment-size')}>{labels.fileSize(attachment.size)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
