/**
 * Silences the console for each test and, after it, fails the test if anything logged contains one
 * of `secrets`: the proxy's promise is that no credential ever reaches a log, whatever a test did.
 */
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** What a test can inspect: the spies by level. */
export interface ConsoleGuard {
  spy(level: (typeof LEVELS)[number]): MockInstance;
}

/** Register the hooks in the calling test file. */
export function guardConsoleAgainst(...secrets: string[]): ConsoleGuard {
  let spies = new Map<(typeof LEVELS)[number], MockInstance>();
  beforeEach(() => {
    spies = new Map(LEVELS.map((level) => [level, vi.spyOn(console, level).mockImplementation(() => undefined)]));
  });
  afterEach(() => {
    const logged = JSON.stringify([...spies.values()].flatMap((spy) => spy.mock.calls.map((args) => args.map(String))));
    for (const secret of secrets) {
      if (logged.includes(secret)) throw new Error(`a credential was logged: …${secret.slice(-4)}`);
    }
    vi.restoreAllMocks();
  });
  return {
    spy(level) {
      const spy = spies.get(level);
      if (!spy) throw new Error('console guard: no spy outside a test');
      return spy;
    },
  };
}
