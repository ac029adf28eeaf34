'use client';

/**
 * Shared plumbing of the components: the context carrying `unstyled`, labels and `onCopy` down to
 * markdown slots, class name helpers, and the visually-hidden style.
 * @packageDocumentation
 */
import { createContext, useContext, useState, type CSSProperties } from 'react';
import { defaultLabels, type AgentMessageLabels } from './labels.js';

/** What a copy was of: a code block or the whole answer. */
export type CopyKind = 'code' | 'answer';

/** Called after text was copied to the clipboard. */
export type CopyHandler = (text: string, kind: CopyKind) => void;

/** Settings the markdown slots read (they are rendered by react-markdown, so they cannot get props). */
export interface KitSettings {
  unstyled: boolean;
  labels: AgentMessageLabels;
  onCopy: CopyHandler | undefined;
}

const DEFAULT_SETTINGS: KitSettings = { unstyled: false, labels: defaultLabels, onCopy: undefined };

/** Context for {@link KitSettings}; the defaults apply when a component is used alone. */
export const KitContext = /* @__PURE__ */ createContext<KitSettings>(DEFAULT_SETTINGS);

/** Read the nearest {@link KitSettings}. */
export function useKit(): KitSettings {
  return useContext(KitContext);
}

/** Join the kit's class names, or nothing at all when `unstyled` (so no kit CSS can match). */
export function kitClass(unstyled: boolean, ...names: (string | false | null | undefined)[]): string | undefined {
  if (unstyled) return undefined;
  const joined = names.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

/** Join a kit class with the user's `className` (the user's is kept when unstyled). */
export function rootClass(unstyled: boolean, kit: string, className: string | undefined): string | undefined {
  const parts = unstyled ? [className] : [kit, className];
  const joined = parts.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

/** Visually hidden but read by screen readers; inline so it works without the stylesheet. */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * `defaults` with the user's `overrides` merged over them, keeping its identity while the overrides'
 * entries stay the same: labels and markdown components are usually passed inline
 * (`labels={{ send: 'Go' }}`), and a new object per render would re-render every consumer below.
 *
 * The last merge is kept as state (React's pattern for information from earlier renders): when the
 * entries change, it is replaced during render, which costs one immediate re-render of this component only.
 */
export function useStableMerge<T extends object>(defaults: T, overrides: Partial<T> | undefined): T {
  const [merged, setMerged] = useState(() => merge(defaults, overrides));
  if (merged.defaults !== defaults || !sameEntries(merged.overrides, overrides)) {
    const next = merge(defaults, overrides);
    setMerged(next);
    return next.value;
  }
  return merged.value;
}

interface Merged<T extends object> {
  defaults: T;
  overrides: Partial<T> | undefined;
  value: T;
}

function merge<T extends object>(defaults: T, overrides: Partial<T> | undefined): Merged<T> {
  return { defaults, overrides, value: overrides ? { ...defaults, ...overrides } : defaults };
}

function sameEntries<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
