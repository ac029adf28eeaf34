'use client';

import { memo, type ReactElement } from 'react';
import type { AgentMetrics } from '../protocol/types.js';
import type { AgentStream } from '../store/types.js';
import { kitClass, rootClass, useKit } from './kit.js';
import { resolveLabels, type AgentMessageLabels } from './labels.js';

/** Props of {@link StreamMetrics}: give a `stream` or its `metrics`. */
export interface StreamMetricsProps {
  stream?: AgentStream;
  /** Figures to show; wins over `stream.metrics`. */
  metrics?: AgentMetrics;
  /** Mark the figures as still changing. Default: `stream.isStreaming`. */
  live?: boolean;
  /** BCP 47 locale for number formatting. Default: the runtime's. */
  locale?: string;
  className?: string;
  unstyled?: boolean;
  labels?: Partial<AgentMessageLabels>;
}

/**
 * Generation figures: speed (words/s), tokens, words and elapsed time, updated with the stream.
 * Renders nothing when the stream has no figures. Not a live region: screen readers are not
 * interrupted on every update, the list is there to read.
 */
export const StreamMetrics = /* @__PURE__ */ memo(function StreamMetrics(
  props: StreamMetricsProps,
): ReactElement | null {
  const kit = useKit();
  const labels = props.labels ? resolveLabels({ ...kit.labels, ...props.labels }) : kit.labels;
  const unstyled = props.unstyled ?? kit.unstyled;
  const metrics = props.metrics ?? props.stream?.metrics;
  const live = props.live ?? props.stream?.isStreaming ?? false;
  if (!metrics) return null;

  const decimal = new Intl.NumberFormat(props.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(props.locale, { maximumFractionDigits: 0 });
  const items: { key: string; label: string; value: string }[] = [];
  if (metrics.speed !== null) {
    items.push({
      key: 'speed',
      label: labels.speed,
      value: `${decimal.format(metrics.speed)} ${metrics.speedType ?? 'words/s'}`,
    });
  }
  if (metrics.tokenCount !== null) {
    items.push({ key: 'tokens', label: labels.tokens, value: integer.format(metrics.tokenCount) });
  }
  if (metrics.wordCount !== null) {
    items.push({ key: 'words', label: labels.words, value: integer.format(metrics.wordCount) });
  }
  if (metrics.elapsedMs !== null) {
    items.push({ key: 'elapsed', label: labels.elapsed, value: `${decimal.format(metrics.elapsedMs / 1000)} s` });
  }
  if (items.length === 0) return null;

  return (
    <dl className={rootClass(unstyled, 'wiro-metrics', props.className)} data-live={live ? 'true' : undefined}>
      {items.map((item) => (
        <div key={item.key} className={kitClass(unstyled, 'wiro-metric')} data-metric={item.key}>
          <dt className={kitClass(unstyled, 'wiro-metric-label')}>{item.label}</dt>
          <dd className={kitClass(unstyled, 'wiro-metric-value')}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
});
