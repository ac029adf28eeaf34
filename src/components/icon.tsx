'use client';

/**
 * The frame of the kit's inline icons (a 24-unit stroked outline in the text colour), so the widget
 * needs no icon font or asset. Decorative: the buttons carrying icons have their own accessible names.
 * @packageDocumentation
 */
import type { ReactElement, ReactNode } from 'react';

/** An outline icon of `size` CSS pixels drawing `children` (paths in a 24 × 24 box). */
export function Icon({ size, children }: { size: number; children: ReactNode }): ReactElement {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable={false}
    >
      {children}
    </svg>
  );
}
