'use client';

/**
 * Icons of the conversations list and the layout, inline like the chat's. Decorative: the buttons
 * carrying them have their own accessible names.
 * @packageDocumentation
 */
import type { ReactElement } from 'react';

const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
  focusable: false,
};

/** Plus sign (new chat). */
export function PlusIcon(): ReactElement {
  return (
    <svg {...common}>
      <path d="M12 5v14" />
      <path d="M5 12h14" />
    </svg>
  );
}

/** Bin (delete). */
export function TrashIcon(): ReactElement {
  return (
    <svg {...common} width={14} height={14}>
      <path d="M3 6h18" />
      <path d="M8 6V4h8v2" />
      <path d="M19 6l-1 14H6L5 6" />
    </svg>
  );
}

/** A panel beside a page (show or hide the sidebar). */
export function SidebarIcon(): ReactElement {
  return (
    <svg {...common} width={18} height={18}>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M9 4v16" />
    </svg>
  );
}
