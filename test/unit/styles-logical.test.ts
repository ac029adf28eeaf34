/**
 * The kit's stylesheet lays out in both directions: no physical left/right property anywhere, so a
 * right-to-left page (or `dir="rtl"` container) mirrors every component, chat included.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const css = readFileSync(new URL('../../src/components/styles.css', import.meta.url), 'utf8');

it('uses logical properties only (no left/right margins, paddings, borders, offsets or alignments)', () => {
  const physical =
    /^\s*(?:(?:margin|padding|border)-(?:left|right)(?:-[a-z]+)?|left|right|float|clear)\s*:|text-align\s*:\s*(?:left|right)|translateX\(/gm;
  const found = [...css.matchAll(physical)].map((match) => {
    const line = css.slice(0, match.index).split('\n').length;
    return `line ${line}: ${match[0].trim()}`;
  });
  expect(found).toEqual([]);
});

it('writes no four-sided shorthand whose left and right differ', () => {
  const uneven = [...css.matchAll(/^\s*(margin|padding|border-radius):\s*([^;]+);/gm)]
    .map((match) => ({ prop: match[1], parts: (match[2] ?? '').trim().split(/\s+/) }))
    .filter(({ parts }) => parts.length === 4 && parts[1] !== parts[3]);
  expect(uneven).toEqual([]);
});
