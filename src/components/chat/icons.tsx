'use client';

/**
 * The chat's few icons, inline so the widget needs no icon font or asset. Decorative: the buttons
 * carrying them have their own accessible names.
 * @packageDocumentation
 */
import type { ReactElement } from 'react';
import { Icon } from '../icon.js';
import { kitClass } from '../kit.js';

/** Paper plane. */
export function SendIcon(): ReactElement {
  return (
    <Icon size={18}>
      <path d="M22 2 11 13" />
      <path d="M22 2 15 22l-4-9-9-4 20-7z" />
    </Icon>
  );
}

/** Filled square. */
export function StopIcon(): ReactElement {
  return (
    <Icon size={18}>
      <rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor" />
    </Icon>
  );
}

/** Paper clip. */
export function AttachIcon(): ReactElement {
  return (
    <Icon size={18}>
      <path d="m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48" />
    </Icon>
  );
}

/** Cross. */
export function CloseIcon(): ReactElement {
  return (
    <Icon size={14}>
      <path d="M18 6 6 18" />
      <path d="m6 6 12 12" />
    </Icon>
  );
}

/** Arrow down. */
export function ArrowDownIcon(): ReactElement {
  return (
    <Icon size={16}>
      <path d="M12 5v14" />
      <path d="m19 12-7 7-7-7" />
    </Icon>
  );
}

/** Circular arrow. */
export function RetryIcon(): ReactElement {
  return (
    <Icon size={14}>
      <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
      <path d="M3 3v5h5" />
    </Icon>
  );
}

/** Pencil. */
export function EditIcon(): ReactElement {
  return (
    <Icon size={14}>
      <path d="M17 3a2.8 2.8 0 0 1 4 4L7.5 20.5 2 22l1.5-5.5z" />
    </Icon>
  );
}

/** Thumb up; the thumb down is the same shape turned over. */
export function ThumbIcon({ down = false }: { down?: boolean }): ReactElement {
  return (
    <Icon size={14}>
      <g transform={down ? 'rotate(180 12 12)' : undefined}>
        <path d="M7 10v12" />
        <path d="M15 5.9 14 10h5.8a2 2 0 0 1 1.9 2.6l-2.3 8a2 2 0 0 1-1.9 1.4H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.8a2 2 0 0 0 1.8-1.1L12 2a3.1 3.1 0 0 1 3 3.9z" />
      </g>
    </Icon>
  );
}

/** Chevron to the previous or next item (mirrored in right-to-left pages by the stylesheet). */
export function ChevronIcon({ next = false }: { next?: boolean }): ReactElement {
  return (
    <Icon size={14}>
      <path d={next ? 'm9 18 6-6-6-6' : 'm15 18-6-6 6-6'} />
    </Icon>
  );
}

/** Props of {@link IconButton}. */
interface IconButtonProps {
  /** The accessible name, also shown as the tooltip: the icon itself is decorative. */
  label: string;
  icon: ReactElement;
  unstyled: boolean;
  /** A class besides `wiro-chat-icon-button`, for the button's own look. */
  variant?: string;
  type?: 'button' | 'submit';
  disabled?: boolean;
  onClick?: () => void;
}

/** The chat's square icon buttons (attach, stop, send, dismiss): one place for their name and look. */
export function IconButton({
  label,
  icon,
  unstyled,
  variant,
  type = 'button',
  disabled,
  onClick,
}: IconButtonProps): ReactElement {
  return (
    <button
      type={type}
      className={kitClass(unstyled, 'wiro-chat-icon-button', variant)}
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
    </button>
  );
}
