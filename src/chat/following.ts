/**
 * Following replies over the shared socket: one subscription per reply token the chat shows, one watch
 * per reply still running (woken only when that token's stream changes), and one watch of the
 * connection (for the polling fallback). A frame for a token the chat does not follow wakes nothing here.
 * @packageDocumentation
 */
import type { AgentSocket } from '../connection/types.js';
import { socketLooksBlocked } from './polling.js';
import { statusOfStream } from './records.js';
import type { ChatRun } from './run.js';
import { isFinished } from './state.js';
import type { ChatMessage, ChatMessageStatus } from './types.js';

/** The socket side of one run. */
export class SocketFollower {
  readonly #run: ChatRun;
  /** Release functions of the subscriptions this run holds, by agenttoken. */
  readonly #held = new Map<string, () => void>();
  /** Stream watches of replies still running, by agenttoken. */
  readonly #watches = new Map<string, () => void>();
  /** The status last copied into the chat per token: most stream changes are text, not status. */
  readonly #seen = new Map<string, ChatMessageStatus>();
  #unwatchConnection: (() => void) | null = null;
  /** A subscription threw (no WebSocket in this runtime, or it refused the URL). */
  #broken = false;

  constructor(run: ChatRun) {
    this.#run = run;
  }

  get #socket(): AgentSocket | null {
    return this.#run.host.socket;
  }

  /** Replies reach the chat over the socket (there is one and it could be opened). */
  get viaSocket(): boolean {
    return this.#socket !== null && !this.#broken;
  }

  /** Live replies should be polled: there is no socket, it could not be opened, or it looks blocked. */
  blocked(): boolean {
    const socket = this.#socket;
    if (!socket) return true;
    return this.#broken || socketLooksBlocked(socket.connection);
  }

  /** Watch the connection, to switch polling on and off. */
  begin(): void {
    const socket = this.#socket;
    if (socket && this.#unwatchConnection === null) {
      this.#unwatchConnection = socket.watchConnection(() => this.#run.poller.update());
    }
  }

  /**
   * Hold a socket-followed turn's token for as long as the run lasts, finished or not: the store then
   * keeps the reply (an unheld finished stream is evicted after a while), and a live one is
   * re-subscribed after every reconnect by the socket itself. A reply still running is also watched.
   */
  follow(turn: ChatMessage): void {
    const socket = this.#socket;
    const token = turn.agenttoken;
    if (!socket || token === null || turn.stream !== null || !this.#run.active) return;
    if (!this.#held.has(token)) this.#hold(socket, token);
    if (!isFinished(turn.status) && !this.#watches.has(token)) {
      this.#watches.set(
        token,
        socket.watchStream(token, () => this.#sync(token)),
      );
    }
    this.#sync(token);
  }

  /** Release every subscription and watch. */
  stop(): void {
    this.#keepFinished();
    this.#unwatchConnection?.();
    this.#unwatchConnection = null;
    for (const unwatch of this.#watches.values()) unwatch();
    this.#watches.clear();
    for (const release of this.#held.values()) release();
    this.#held.clear();
    this.#seen.clear();
  }

  /**
   * Finished replies shown from the socket's store become the turns' own copies before their
   * subscriptions go: the store lets an unheld reply go after a while, and a chat started again (a
   * conversation shown again after another one) shows them at once, exactly as they ended, without
   * subscribing to each again. Runs while stopping, so it changes the chat directly.
   */
  #keepFinished(): void {
    const socket = this.#socket;
    if (!socket) return;
    for (const token of this.#held.keys()) {
      const turn = this.#run.findByToken(token);
      if (!turn || turn.stream !== null || turn.status === 'sending' || turn.status === 'send-failed') continue;
      const stream = socket.getStream(token);
      if (!stream.isDone) continue;
      this.#run.host.dispatch({ type: 'update', id: turn.id, patch: { stream, status: statusOfStream(stream) } });
    }
  }

  #hold(socket: AgentSocket, agenttoken: string): void {
    try {
      this.#held.set(agenttoken, socket.subscribe(agenttoken));
    } catch (error) {
      // No WebSocket in this runtime (or it refused the URL): poll instead.
      this.#held.set(agenttoken, () => {});
      this.#broken = true;
      socket.ingest({
        type: 'local_connection_failed',
        agenttoken,
        message: error instanceof Error ? error.message : 'Could not open the agent socket.',
      });
    }
  }

  /** Copy a token's status from the socket into its turn; a finished reply is no longer watched. */
  #sync(agenttoken: string): void {
    const socket = this.#socket;
    if (!socket || !this.#run.active) return;
    const stream = socket.getStream(agenttoken);
    // Nothing known yet (not even `subscribing`): the turn keeps what it shows.
    if (stream.status === 'idle') return;
    const status = statusOfStream(stream);
    if (this.#seen.get(agenttoken) === status) return;
    const turn = this.#run.findByToken(agenttoken);
    if (!turn || turn.stream !== null || turn.status === 'sending' || turn.status === 'send-failed') return;
    this.#seen.set(agenttoken, status);
    if (status !== turn.status) this.#run.dispatch({ type: 'statuses', byToken: new Map([[agenttoken, status]]) });
    if (!isFinished(status)) return;
    if (turn.messageguid !== null) this.#run.host.pending.forget(turn.messageguid);
    this.#watches.get(agenttoken)?.();
    this.#watches.delete(agenttoken);
  }
}
