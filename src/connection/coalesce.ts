import type { StreamEvent } from '../store/types.js';

/** One queued event: decoded, or an `agent_output` frame kept as its wire text until it is known to be needed. */
export type QueuedEntry = { kind: 'event'; event: StreamEvent } | { kind: 'raw-output'; data: string };

/**
 * Events waiting for the next flush, per token, in arrival order.
 *
 * Every `agent_output` carries the full text so far, so an output directly followed by another output of
 * the same token is obsolete: the newer one replaces it in place. Every other event (and an output
 * followed by one) keeps its position, so lifecycle order is preserved.
 */
export interface EventQueue {
  /** Queue a decoded event. */
  push(agenttoken: string, event: StreamEvent): void;
  /** Queue an `agent_output` frame still as text (decoded at flush only if nothing newer replaced it). */
  pushRawOutput(agenttoken: string, data: string): void;
  /** Take everything queued, leaving the queue empty. */
  drain(): Map<string, QueuedEntry[]>;
  /** `true` when nothing is queued. */
  isEmpty(): boolean;
}

/** Create an empty {@link EventQueue}. */
export function createEventQueue(): EventQueue {
  let byToken = new Map<string, QueuedEntry[]>();

  const add = (agenttoken: string, entry: QueuedEntry, isOutput: boolean): void => {
    const entries = byToken.get(agenttoken);
    if (entries === undefined) {
      byToken.set(agenttoken, [entry]);
      return;
    }
    const last = entries[entries.length - 1];
    if (isOutput && last !== undefined && isOutputEntry(last)) entries[entries.length - 1] = entry;
    else entries.push(entry);
  };

  return {
    push(agenttoken, event) {
      add(agenttoken, { kind: 'event', event }, event.type === 'agent_output');
    },
    pushRawOutput(agenttoken, data) {
      add(agenttoken, { kind: 'raw-output', data }, true);
    },
    drain() {
      const drained = byToken;
      byToken = new Map();
      return drained;
    },
    isEmpty: () => byToken.size === 0,
  };
}

function isOutputEntry(entry: QueuedEntry): boolean {
  return entry.kind === 'raw-output' || entry.event.type === 'agent_output';
}
