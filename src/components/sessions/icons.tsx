'use client';

/**
 * Icons of the conversations list and the layout, inline like the chat's. Decorative: the buttons
 * carrying them have their own accessible names.
 * @packageDocumentation
 */
import type { ReactElement } from 'react';
import { Icon } from '../icon.js';

/** Plus sign (new chat). */
export function PlusIcon(): ReactElement {
  return (
    <Icon size={16}>
      <path d="M12 5v14" />
      <path d="M5 12h14" />
    </Icon>
  );
}

/** Bin (delete). */
export function TrashIcon(): ReactElement {
  return (
    <Icon size={14}>
      <path d="M3 6h18" />
      <path d="M8 6V4h8v2" />
      <path d="M19 6l-1 14H6L5 6" />
    </Icon>
  );
}

/** A panel beside a page (show or hide the sidebar). */
export function SidebarIcon(): ReactElement {
  return (
    <Icon size={18}>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M9 4v16" />
    </Icon>
  );
}
