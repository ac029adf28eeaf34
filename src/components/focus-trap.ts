/**
 * Keyboard focus inside modal surfaces (the conversations drawer, the image lightbox): Tab and
 * Shift+Tab cycle through their controls instead of leaving for the page behind them.
 * @packageDocumentation
 */
import type { KeyboardEvent } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), [tabindex]';

/** The elements of `container` that Tab reaches, in document order (inert parts excluded). */
export function focusables(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => element.tabIndex >= 0 && !element.closest('[inert]'),
  );
}

/** On a Tab key event: keep focus cycling inside `container`. */
export function trapTab(event: KeyboardEvent<HTMLElement>, container: HTMLElement | null): void {
  if (container === null) return;
  const list = focusables(container);
  const first = list[0];
  const last = list[list.length - 1];
  if (first === undefined || last === undefined) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}
