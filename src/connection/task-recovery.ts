import type { TaskApi, TaskRecord } from '../api/task-types.js';
import { isWiroApiError } from '../api/errors.js';

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
 * so the last answer always postdates the last (re-)subscription.
 */
export interface TaskRecovery {
  /** Ask about `tasktoken`. */
  request(tasktoken: string): void;
  /** Abort every request in flight; their answers are dropped. Later requests work as before. */
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
  const inFlight = new Map<string, { controller: AbortController; again: boolean }>();

  function request(tasktoken: string): void {
    const api = options.api();
    if (api === undefined) return;
    const running = inFlight.get(tasktoken);
    if (running !== undefined) {
      running.again = true;
      return;
    }
    const entry = { controller: new AbortController(), again: false };
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
          // Anything else (network, timeout, a proxy refusing) tells nothing about the run: it goes on as
          // the socket reports it.
        }),
    );
  }

  function settle(tasktoken: string, entry: { controller: AbortController; again: boolean }, apply: () => void): void {
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
    },
  };
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
