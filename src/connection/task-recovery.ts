import type { TaskApi, TaskRecord } from '../api/task-types.js';
import { isWiroApiError } from '../api/errors.js';
import { housekeepingTimer, type Timer } from './timers.js';

/**
 * Delays before asking again when Task/Detail could not answer (network, timeout, 5xx, 429): a run
 * whose result came while the socket was away is known only from Task/Detail, so one failed request
 * must not leave it "running" for good. After the last one the run goes on as the socket reports it.
 */
export const TASK_DETAIL_RETRY_MS: readonly number[] = [500, 1000, 2000, 4000, 8000];

/**
 * What the socket needs of a REST client to recover model runs: `taskDetail` (the client of
 * `createAgentApi` has it; so does any object of your own with the same method).
 */
export type TaskRecoveryApi = Pick<TaskApi, 'taskDetail'>;

/**
 * Asks Task/Detail about runs, for the socket: Wiro's socket replays nothing for tasks, so whatever a run
 * did while no connection followed it (before the first `task_info`, during a reconnect) is only known
 * from Task/Detail.
 *
 * One request per token at a time; a request made while one is in flight is made again once it answers,
 * so the last answer always postdates the last (re-)subscription. A request that fails without telling
 * anything about the run is retried after each of {@link TASK_DETAIL_RETRY_MS}.
 */
export interface TaskRecovery {
  /** Ask about `tasktoken`. */
  request(tasktoken: string): void;
  /** Abort every request in flight and every retry due; their answers are dropped. Later requests work as before. */
  close(): void;
}

/** What a {@link TaskRecovery} needs from its socket. */
export interface TaskRecoveryOptions {
  /** The REST client now; without one (`undefined`) nothing is asked. */
  api(): TaskRecoveryApi | undefined;
  /** Task/Detail's record of the run, or `null` when Task/Detail does not know it. */
  deliver(tasktoken: string, record: TaskRecord | null): void;
  /** Whether the run still matters (held); an answer for one that does not is dropped. */
  wanted(tasktoken: string): boolean;
}

/** Create a {@link TaskRecovery}. */
export function createTaskRecovery(options: TaskRecoveryOptions): TaskRecovery {
  const inFlight = new Map<string, Entry>();
  const retries = new Map<string, Timer>();

  function request(tasktoken: string, failures = 0): void {
    const api = options.api();
    if (api === undefined) return;
    const running = inFlight.get(tasktoken);
    if (running !== undefined) {
      running.again = true;
      return;
    }
    // A new request (a re-subscription) replaces a retry that was due: it asks now.
    const due = retries.get(tasktoken);
    if (due !== undefined) {
      clearTimeout(due);
      retries.delete(tasktoken);
    }
    const entry: Entry = { controller: new AbortController(), again: false };
    inFlight.set(tasktoken, entry);
    let answer: Promise<TaskRecord>;
    try {
      answer = api.taskDetail({ tasktoken }, { signal: entry.controller.signal });
    } catch (error) {
      answer = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    answer.then(
      (record) => settle(tasktoken, entry, () => deliverRecord(tasktoken, record)),
      (error: unknown) =>
        settle(tasktoken, entry, () => {
          if (isUnknownTask(error)) options.deliver(tasktoken, null);
          else if (!entry.again && isTransient(error)) retry(tasktoken, failures);
          // Anything else (a refusal, a malformed answer) tells nothing about the run: it goes on as the
          // socket reports it.
        }),
    );
  }

  function retry(tasktoken: string, failures: number): void {
    const delay = TASK_DETAIL_RETRY_MS[failures];
    if (delay === undefined) return;
    retries.set(
      tasktoken,
      housekeepingTimer(() => {
        retries.delete(tasktoken);
        if (options.wanted(tasktoken)) request(tasktoken, failures + 1);
      }, delay),
    );
  }

  function settle(tasktoken: string, entry: Entry, apply: () => void): void {
    if (inFlight.get(tasktoken) !== entry) return; // aborted by close()
    inFlight.delete(tasktoken);
    if (!options.wanted(tasktoken)) return;
    apply();
    if (entry.again) request(tasktoken);
  }

  function deliverRecord(tasktoken: string, record: TaskRecord): void {
    // A record of another run (a misrouted answer) must not be applied to this one.
    if (typeof record !== 'object' || record === null) return;
    if (record.tasktoken !== '' && record.tasktoken !== undefined && record.tasktoken !== tasktoken) return;
    options.deliver(tasktoken, record);
  }

  return {
    request,
    close() {
      const entries = [...inFlight.values()];
      inFlight.clear();
      for (const entry of entries) entry.controller.abort();
      for (const timer of retries.values()) clearTimeout(timer);
      retries.clear();
    },
  };
}

interface Entry {
  controller: AbortController;
  /** Asked again while in flight: ask once more when it answers. */
  again: boolean;
}

/**
 * `true` for failures worth asking again: no answer (network, timeout), the server's own trouble (5xx)
 * or rate limiting (429). Errors of a REST client of your own that are not `WiroApiError`s count too.
 */
function isTransient(error: unknown): boolean {
  if (!isWiroApiError(error)) return !(error instanceof DOMException && error.name === 'AbortError');
  if (error.code === 'network' || error.code === 'timeout') return true;
  return error.code === 'http' && error.status !== null && (error.status >= 500 || error.status === 429);
}

/**
 * `true` when Task/Detail answered that it does not know the run: a 404 (HTTP, or in Wiro's `errors`),
 * or a successful answer whose `tasklist` holds no run. Failures that say nothing about the run
 * (network, timeout, 5xx, a refusal) are not.
 */
export function isUnknownTask(error: unknown): boolean {
  if (!isWiroApiError(error) || error.endpoint !== 'Task/Detail') return false;
  if (error.status === 404 || error.errors.some((item) => item.code === 404)) return true;
  return error.code === 'bad_response' && error.status !== null && error.status < 300 && /tasklist/.test(error.message);
}
