/**
 * The conversations one `useAgentChat` has shown, each with its controller: the one shown runs; one
 * switched away from keeps running while any of its replies is still being sent or streamed (its
 * socket subscriptions stay, so the reply goes on streaming into the store), then stops; and each is
 * kept, stopped, so coming back to it shows it at once, as it ended, with the versions and ratings of
 * this page. Framework-free; the hook drives it from its effects.
 * @packageDocumentation
 */
import type { AgentSocket } from '../connection/types.js';
import type { ChatController } from './controller.js';

/** Stopped conversations kept for a quick return; the least recently shown go first beyond it. */
const KEPT = 20;

interface Entry {
  controller: ChatController;
  /** Stops watching a hidden controller's replies. */
  unwatch: (() => void) | null;
}

/** One hook's controllers, by conversation. */
export class ChatControllerPool {
  /** Least recently shown first. */
  readonly #entries = new Map<string, Entry>();
  #shown: ChatController | null = null;

  /**
   * The controller of a conversation: the one kept for it, or a new one from `create`. Safe during
   * render: it creates (which does nothing) and caches, and starts nothing.
   */
  get(
    useragentguid: string,
    sessionkey: string,
    socket: AgentSocket | null,
    create: () => ChatController,
  ): ChatController {
    const key = keyOf(useragentguid, sessionkey);
    const kept = this.#entries.get(key)?.controller;
    if (kept && kept.socket === socket) return kept;
    const controller = create();
    if (!kept) this.#entries.set(key, { controller, unwatch: null });
    return controller;
  }

  /** Show (and start) `controller`; controllers of another agent or socket are stopped and dropped. */
  show(controller: ChatController): void {
    this.#shown = controller;
    const key = keyOf(controller.useragentguid, controller.sessionkey);
    const entry = this.#entries.get(key);
    if (entry?.controller !== controller) {
      // A controller made for a new socket replaces the kept one.
      if (entry) this.#drop(key, entry);
      this.#entries.set(key, { controller, unwatch: null });
    } else {
      // Most recently shown last.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      entry.unwatch?.();
      entry.unwatch = null;
    }
    for (const [other, kept] of [...this.#entries]) {
      if (kept.controller.useragentguid !== controller.useragentguid || kept.controller.socket !== controller.socket) {
        this.#drop(other, kept);
      }
    }
    controller.start();
    this.#trim();
  }

  /** `controller` is no longer shown: it stops now, or once its replies have ended. */
  hide(controller: ChatController): void {
    if (this.#shown === controller) this.#shown = null;
    const entry = this.#entries.get(keyOf(controller.useragentguid, controller.sessionkey));
    if (!controller.busy || entry?.controller !== controller) {
      controller.stop();
      return;
    }
    entry.unwatch?.();
    const check = (): void => {
      if (this.#shown === controller || controller.busy) return;
      entry.unwatch?.();
      entry.unwatch = null;
      controller.stop();
    };
    entry.unwatch = controller.subscribe(check);
  }

  /** Stop everything (the hook unmounted). The controllers are kept, for a remount (StrictMode). */
  stopAll(): void {
    for (const entry of this.#entries.values()) {
      entry.unwatch?.();
      entry.unwatch = null;
      if (entry.controller !== this.#shown) entry.controller.stop();
    }
  }

  #drop(key: string, entry: Entry): void {
    entry.unwatch?.();
    entry.controller.stop();
    this.#entries.delete(key);
  }

  /** Forget the least recently shown conversations that are stopped, beyond {@link KEPT}. */
  #trim(): void {
    let excess = this.#entries.size - KEPT;
    for (const [key, entry] of this.#entries) {
      if (excess <= 0) break;
      if (entry.controller === this.#shown || entry.controller.running) continue;
      this.#drop(key, entry);
      excess -= 1;
    }
  }
}

function keyOf(useragentguid: string, sessionkey: string): string {
  return JSON.stringify([useragentguid, sessionkey]);
}
