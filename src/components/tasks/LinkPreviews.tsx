'use client';

import { memo, useMemo, type ReactElement } from 'react';
import type { TaskOutputFile } from '../../protocol/task-types.js';
import { kitClass, useStableMerge } from '../kit.js';
import { safeUrlTransform } from '../markdown/url.js';
import { defaultTaskLabels, type TaskLabels } from './labels.js';
import { linkedFiles } from './linked-files.js';
import { OutputFiles } from './OutputFiles.js';

/** Props of {@link LinkPreviews} (`<AgentMessage linkPreviews={LinkPreviews}>` passes them). */
export interface LinkPreviewsProps {
  /** The answer's Markdown. */
  text: string;
  /** `false` while the answer still streams: a URL at the very end may be cut, and is left out. */
  complete: boolean;
  /**
   * The URL policy: checks (and may rewrite) each URL before it is loaded or linked; `null` refuses it.
   * Default `safeUrlTransform`, the Markdown's policy.
   */
  urlTransform?: (url: string, file: TaskOutputFile) => string | null;
  /** Strings to override (image names, the viewer, download links), as `<TaskOutputs>` takes them. */
  labels?: Partial<TaskLabels>;
  /** Render without the kit's class names. Default `false`. */
  unstyled?: boolean;
  /** BCP 47 locale for file sizes. Default: the runtime's. */
  locale?: string;
}

/**
 * Previews of the files an agent's answer links to: images an agent's tools generated (Wiro CDN URLs)
 * in a grid that opens in a viewer, video and audio players, other files (PDF, ZIP, 3D models, …) as
 * download links, with the pieces of `<TaskOutputs>`. Any absolute http(s) URL whose path ends in such
 * an extension counts, linked or bare; URLs in code, and images the Markdown already shows
 * (`![…](url)`), do not. Renders nothing when the answer links to no file.
 *
 * Opt in on a message with `<AgentMessage linkPreviews={LinkPreviews} />`: a component rather than a
 * flag, so apps that do not preview links do not ship the previews' code.
 */
export const LinkPreviews = /* @__PURE__ */ memo(function LinkPreviews(props: LinkPreviewsProps): ReactElement | null {
  const { text, complete } = props;
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultTaskLabels, props.labels);
  const files = useMemo(() => linkedFiles(text, complete), [text, complete]);
  if (files.length === 0) return null;
  return (
    <div
      className={kitClass(unstyled, 'wiro-task-outputs', 'wiro-message-previews')}
      role="group"
      aria-label={labels.linkedFiles}
    >
      <OutputFiles
        files={files}
        urlTransform={props.urlTransform ?? safeUrlTransform}
        labels={labels}
        unstyled={unstyled}
        locale={props.locale}
      />
    </div>
  );
});
