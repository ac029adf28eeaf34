/**
 * Model runs are pay-for-what-you-use: the socket, the agent hooks, the provider, `<AgentMessage>` and
 * `<AgentChat>` reach none of the task modules (decoder, reducer, validation, run tracking, queue,
 * recovery, the task REST types' code) in their static import graphs. Only `withTasks` (and the task
 * hooks and components, which call it) brings them, so an app that follows agent replies only bundles
 * none of it. `npm run size` checks the same on the built bundles.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
// Type-only imports are erased by the build, so they count for nothing here; dynamic imports count.
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** The modules of the task side: its decoder, reducer, validation, run tracking, queue, recovery, attach. */
const TASK_MODULE =
  /^(protocol\/task-decode|protocol\/decode-frame|store\/task-reduce|store\/validate-task|connection\/task-[a-z-]+|connection\/with-tasks)\.ts$/;

function sourceOf(path: string): string {
  const base = path.replace(/\.js$/, '');
  return existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.tsx`;
}

/** Every source module reachable from `entry` (relative to src/), by path relative to src/. */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (spec?.startsWith('.')) visit(sourceOf(resolve(dirname(file), spec)));
    }
  };
  visit(resolve(src, entry));
  return [...seen].map((file) => file.slice(src.length));
}

const taskModules = (entry: string): string[] => reachable(entry).filter((file) => TASK_MODULE.test(file));

describe('agent-only code reaches no task module', () => {
  it.each([
    'connection/socket.ts',
    'react/provider.tsx',
    'react/use-agent-stream.ts',
    'react/use-agent-connection.ts',
    'react/use-agent-socket.ts',
    'components/AgentMessage.tsx',
    'components/chat/AgentChat.tsx',
  ])('%s', (entry) => {
    expect(reachable(entry).length).toBeGreaterThan(1);
    expect(taskModules(entry)).toEqual([]);
  });
});

describe('the task side is what brings them', () => {
  it('withTasks reaches the task decoder, reducer, validation, run tracking and recovery', () => {
    expect(taskModules('connection/with-tasks.ts')).toEqual(
      expect.arrayContaining([
        'protocol/task-decode.ts',
        'store/task-reduce.ts',
        'store/validate-task.ts',
        'connection/task-runs.ts',
        'connection/task-queue.ts',
        'connection/task-recovery.ts',
      ]),
    );
  });

  it('useTaskStream and useRunModel attach it themselves; the public decodeFrame decodes task frames', () => {
    expect(taskModules('react/use-task-stream.ts')).toContain('connection/with-tasks.ts');
    expect(taskModules('react/use-run-model.ts')).toContain('connection/with-tasks.ts');
    expect(taskModules('protocol/decode-frame.ts')).toContain('protocol/task-decode.ts');
  });
});
