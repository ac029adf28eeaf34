'use client';

import type { ReactElement } from 'react';
import { CloseIcon } from '../chat/icons.js';
import { kitClass, rootClass, useStableMerge } from '../kit.js';
import { defaultAttachmentLabels, type AttachmentLabels } from './labels.js';
import type { FileRejection } from './validate.js';

/** Props of {@link AttachmentErrors}. */
export interface AttachmentErrorsProps {
  /** Why files were refused (`useAttachments().rejections`). Nothing renders when empty. */
  rejections: readonly FileRejection[];
  /** Shows a dismiss button. Typically `useAttachments().dismissRejections`. */
  onDismiss?: () => void;
  /** Strings to override (translation). */
  labels?: Partial<AttachmentLabels>;
  className?: string;
  /** Render without the kit's class names (bring your own CSS). Default `false`. */
  unstyled?: boolean;
}

/** The sentence for one refusal, in the labels' language. */
export function rejectionMessage(rejection: FileRejection, labels: AttachmentLabels): string {
  switch (rejection.reason) {
    case 'type':
      return labels.rejectedType(rejection.name, rejection.accept);
    case 'size':
      return labels.rejectedSize(
        rejection.name,
        labels.fileSize(rejection.size),
        labels.fileSize(rejection.maxFileBytes),
      );
    case 'count':
      return labels.tooMany(rejection.maxFiles, rejection.names);
  }
}

/**
 * Why files were not attached, next to the composer: one sentence per refused file (wrong type, too
 * large) or per batch left out (too many), announced as an alert. Renders nothing when all were taken.
 */
export function AttachmentErrors(props: AttachmentErrorsProps): ReactElement | null {
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultAttachmentLabels, props.labels);
  if (props.rejections.length === 0) return null;
  return (
    <div role="alert" className={rootClass(unstyled, 'wiro-attachment-errors', props.className)}>
      <ul className={kitClass(unstyled, 'wiro-attachment-errors-list')}>
        {props.rejections.map((rejection, index) => (
          <li key={index} data-reason={rejection.reason}>
            {rejectionMessage(rejection, labels)}
          </li>
        ))}
      </ul>
      {props.onDismiss ? (
        <button
          type="button"
          className={kitClass(unstyled, 'wiro-attachment-errors-dismiss')}
          aria-label={labels.dismiss}
          title={labels.dismiss}
          onClick={props.onDismiss}
        >
          <CloseIcon />
        </button>
      ) : null}
    </div>
  );
}
