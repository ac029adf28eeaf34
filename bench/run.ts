/**
 * `npm run bench` entry: runs every benchmark, or the ones named (`npm run bench -- engine`).
 * Adding a benchmark is one line in BENCHES.
 */
import { runChatBench } from './chat';
import { runEngineBench } from './engine';
import { runMarkdownBench } from './markdown';
import { runProxyBench } from './proxy';
import { runReactBench } from './react';
import { runSoakBench } from './soak';

/** A benchmark `npm run bench` can run. */
export interface BenchEntry {
  name: string;
  /** Runs the benchmark and prints its table. */
  run: () => Promise<unknown>;
}

/** Every benchmark, in the order `npm run bench` runs them. */
export const BENCHES: BenchEntry[] = [
  { name: 'engine', run: () => runEngineBench() },
  { name: 'markdown', run: () => runMarkdownBench() },
  { name: 'react', run: () => runReactBench() },
  { name: 'chat', run: () => runChatBench() },
  { name: 'soak', run: () => runSoakBench() },
  { name: 'proxy', run: () => runProxyBench() },
];

async function main(argv: string[]): Promise<void> {
  const wanted = argv.filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark ${unknown.join(', ')}; available: ${BENCHES.map((b) => b.name).join(', ')}`);
  }
  const selected = wanted.length === 0 ? BENCHES : BENCHES.filter((b) => wanted.includes(b.name));
  for (const bench of selected) {
    console.log(`\n=== ${bench.name} ===`);
    await bench.run();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
