'use client';

/**
 * Shared plumbing of the components: the context carrying `unstyled`, labels and `onCopy` down to
 * markdown slots, class name helpers, and the visually-hidden style.
 * @packageDocumentation
 */
import { createContext, useContext, type CSSProperties } from 'react';
import { sameEntries } from './entries.js';
import { defaultLabels, type AgentMessageLabels } from './labels.js';
import { useDerived } from './use-derived.js';

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
  return unstyled ? undefined : joinClasses(names);
}

/** Join a kit class with the user's `className` (the user's is kept when unstyled). */
export function rootClass(unstyled: boolean, kit: string, className: string | undefined): string | undefined {
  return joinClasses(unstyled ? [className] : [kit, className]);
}

function joinClasses(names: (string | false | null | undefined)[]): string | undefined {
  return names.filter(Boolean).join(' ') || undefined;
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
 */
export function useStableMerge<T extends object>(defaults: T, overrides: Partial<T> | undefined): T {
  return useDerived({ defaults, overrides }, sameMerge, merge);
}

interface MergeInputs<T extends object> {
  defaults: T;
  overrides: Partial<T> | undefined;
}

function sameMerge<T extends object>(a: MergeInputs<T>, b: MergeInputs<T>): boolean {
  return a.defaults === b.defaults && sameEntries(a.overrides, b.overrides);
}

function merge<T extends object>({ defaults, overrides }: MergeInputs<T>): T {
  return overrides ? { ...defaults, ...overrides } : defaults;
}
