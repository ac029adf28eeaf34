/**
 * The public surface, pinned: every name each entry point exports (types included) must equal
 * api-report.json. A change to what users can import is then a visible diff of that file; run
 * `npm run api:update` after a deliberate one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApiReport, ENTRY_SOURCES, type ApiReport } from '../support/api-report';

const pinned = JSON.parse(readFileSync(new URL('../../api-report.json', import.meta.url), 'utf8')) as ApiReport;
const actual = buildApiReport();

describe('public API report', () => {
  it('covers exactly the package entry points', () => {
    const exportsMap = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        exports: Record<string, unknown>;
      }
    ).exports;
    const entries = Object.keys(exportsMap)
      .filter((key) => !key.endsWith('.css') && !key.endsWith('package.json'))
      .map((key) => (key === '.' ? 'wiro-agent-react' : `wiro-agent-react/${key.slice(2)}`));
    expect(Object.keys(ENTRY_SOURCES).sort()).toEqual(entries.sort());
  });

  it.each(Object.keys(ENTRY_SOURCES))('%s exports exactly the pinned names', (entry) => {
    expect(actual[entry]).toEqual(pinned[entry]);
  });

  it.each(Object.keys(ENTRY_SOURCES))('%s: the values of the report are what loads at run time', async (entry) => {
    const loaded = Object.keys((await import(/* @vite-ignore */ entry)) as object).sort();
    const values = Object.entries(pinned[entry] ?? {})
      .filter(([, kind]) => kind === 'value')
      .map(([name]) => name)
      .sort();
    expect(loaded).toEqual(values);
  });

  it('the main entry re-exports everything of core', () => {
    const main = pinned['wiro-agent-react'] ?? {};
    const core = pinned['wiro-agent-react/core'] ?? {};
    expect(Object.keys(core).length).toBeGreaterThan(0);
    // Re-exported as the same kind: a value stays a value, a type stays a type.
    for (const [name, kind] of Object.entries(core)) expect(main[name], name).toBe(kind);
  });
});
