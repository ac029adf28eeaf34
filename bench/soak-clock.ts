/**
 * Simulated time for the soak benchmark: `setTimeout`, `clearTimeout` and `Date.now` replaced by a clock
 * that jumps from timer to timer, so ten minutes of page traffic run in seconds. Everything time-based in
 * the socket and the mock backend goes through these three, so the simulation is the same code a page
 * runs, only without the waiting. Microtasks (the socket's flushes in Node) run for real between timers.
 */

interface Pending {
  at: number;
  seq: number;
  run: () => void;
}

/** A handle shaped like Node's timers (`unref` and friends), so `housekeepingTimer` works unchanged. */
class Handle {
  unref(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
}

/** A running simulated clock; {@link VirtualClock.restore} puts the real timers back. */
export interface VirtualClock {
  now(): number;
  /** Run every timer due within the next `ms`, in order, letting microtasks settle after each instant. */
  advance(ms: number): Promise<void>;
  /** Timers waiting. */
  pending(): number;
  restore(): void;
}

const realSetImmediate = setImmediate;

/** Install a simulated clock starting at `start` (default: the real now). */
export function installVirtualClock(start = Date.now()): VirtualClock {
  const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, now: Date.now };
  const timers = new Map<Handle, Pending>();
  let now = start;
  let seq = 0;

  globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = new Handle();
    timers.set(handle, { at: now + Math.max(0, Number(ms) || 0), seq: seq++, run: () => fn(...args) });
    return handle;
  }) as unknown as typeof setTimeout;
  globalThis.clearTimeout = (handle: unknown) => {
    if (handle instanceof Handle) timers.delete(handle);
  };
  Date.now = () => now;

  const settle = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

  function next(limit: number): [Handle, Pending] | null {
    let best: [Handle, Pending] | null = null;
    for (const entry of timers) {
      const p = entry[1];
      if (p.at > limit) continue;
      if (best === null || p.at < best[1].at || (p.at === best[1].at && p.seq < best[1].seq)) best = entry;
    }
    return best;
  }

  return {
    now: () => now,
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = next(target);
        if (due === null) break;
        const instant = due[1].at;
        now = instant;
        // Everything due at this instant, then the microtasks it queued.
        for (let d = next(instant); d !== null; d = next(instant)) {
          timers.delete(d[0]);
          d[1].run();
        }
        await settle();
      }
      now = target;
      await settle();
    },
    pending: () => timers.size,
    restore() {
      globalThis.setTimeout = real.setTimeout;
      globalThis.clearTimeout = real.clearTimeout;
      Date.now = real.now;
    },
  };
}
