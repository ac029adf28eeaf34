/**
 * Following replies through Message/Detail: the replies the chat holds itself (no socket, or a history
 * row without a token), and every live reply while the socket looks blocked.
 * @packageDocumentation
 */
import { applyRecord, isTerminalRecord, recordEvents, statusOfStream } from './records.js';
import { describeError } from './describe-error.js';
import type { ChatRun } from './run.js';
import { refOf } from './turns.js';
import type { ChatMessage, ChatRecord } from './types.js';

/** The polling side of one run. */
export class Poller {
  readonly #run: ChatRun;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  /** Whether the socket counted as blocked at the last check (to poll at once when it starts to). */
  #wasBlocked = false;
  /** Turns whose polling failure was already reported (reported again only after a success). */
  readonly #failed = new Set<string>();

  constructor(run: ChatRun) {
    this.#run = run;
  }

  /** Decide again whether anything needs polling, and schedule the next poll when it does. */
  update(): void {
    const run = this.#run;
    if (!run.active) return;
    const blocked = run.follower.blocked();
    const becameBlocked = blocked && !this.#wasBlocked;
    this.#wasBlocked = blocked;
    const targets = this.#targets();
    // A history row without a token is polled even while the socket is fine; that is not "offline".
    const isPolling = targets.length > 0 && (!run.follower.viaSocket || blocked);
    run.dispatch({ type: 'polling', isPolling });
    if (targets.length === 0) return;
    if (becameBlocked && this.#timer !== null) {
      // The socket just gave up: catch up now rather than after a whole interval of silence.
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#schedule(becameBlocked ? 0 : run.settings().pollIntervalMs);
  }

  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Fetch a reply's record and apply it. Resolves to whether the record is final, `null` on failure. */
  async refresh(id: string): Promise<boolean | null> {
    const run = this.#run;
    const turn = run.find(id);
    const ref = turn ? refOf(turn) : null;
    if (!turn || !ref) return null;
    try {
      const record = await run.settings().api.detail(ref, { signal: run.signal });
      if (!run.active) return null;
      this.#failed.delete(id);
      this.#apply(id, record);
      return isTerminalRecord(record);
    } catch (error) {
      if (run.aborted(error)) return null;
      if (!this.#failed.has(id)) {
        this.#failed.add(id);
        // Polling goes on; the banner would only repeat what the connection indicator says.
        run.report(
          { kind: 'poll', message: describeError(error, 'Could not check on the reply.'), messageId: id, cause: error },
          false,
        );
      }
      return null;
    }
  }

  /** Turns to poll now: replies the chat holds itself, and socket replies while the socket is blocked. */
  #targets(): ChatMessage[] {
    const blocked = this.#run.follower.blocked();
    return this.#run.state().turns.filter((turn) => {
      if (turn.status !== 'queued' && turn.status !== 'streaming') return false;
      if (turn.stream !== null) return !turn.stream.isDone && (turn.agenttoken !== null || turn.messageguid !== null);
      return blocked && turn.agenttoken !== null;
    });
  }

  #schedule(delayMs: number): void {
    if (!this.#run.active || this.#timer !== null || this.#running) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        void this.#pollOnce();
      },
      Math.max(0, delayMs),
    );
  }

  async #pollOnce(): Promise<void> {
    if (!this.#run.active) return;
    this.#running = true;
    try {
      await Promise.all(this.#targets().map((turn) => this.refresh(turn.id)));
    } finally {
      this.#running = false;
    }
    this.update();
  }

  /** Apply a record to a turn's reply, wherever the reply lives. */
  #apply(id: string, record: ChatRecord): void {
    const run = this.#run;
    const turn = run.find(id);
    if (!turn) return;
    if (turn.stream !== null) {
      const stream = applyRecord(turn.stream, record);
      if (stream !== turn.stream)
        run.dispatch({ type: 'update', id, patch: { stream, status: statusOfStream(stream) } });
      if (stream.isDone && turn.messageguid !== null) run.host.pending.forget(turn.messageguid);
      return;
    }
    const socket = run.host.socket;
    if (!socket || turn.agenttoken === null) return;
    // A live record clears a socket failure note: the reply is being followed again, by polling.
    if (!isTerminalRecord(record)) socket.ingest({ type: 'local_subscribing', agenttoken: turn.agenttoken });
    for (const event of recordEvents(record, turn.agenttoken)) socket.ingest(event);
  }
}
