/**
 * An in-process stand-in for Wiro's socket server for the soak benchmark: the mock backend's scripted
 * replies delivered to the socket under test through a WebSocket-shaped object, on whatever clock is
 * installed (the simulated one). Frames are delivered asynchronously (a microtask), as a network would,
 * never inside the `send` that asked for them. Fault modes imitate the servers of issue 11.
 */
import type { WebSocketConstructor, WebSocketLike } from 'wiro-agent-react/core';
import type { MockAgentBackend } from 'wiro-agent-react/testing';

/** How the stand-in misbehaves. */
export type SoakFault = 'none' | 'accept-then-close' | 'no-welcome' | 'silent';

/** A running stand-in server. */
export interface SoakServer {
  /** The constructor to hand to `createAgentSocket`. */
  WebSocket: WebSocketConstructor;
  /** Connections opened so far. */
  connections(): number;
  /** Send raw text to every open connection (for stranger frames). */
  broadcast(data: string): void;
}

/** Start a stand-in server over `backend` with `fault`. */
export function soakServer(backend: MockAgentBackend, fault: SoakFault = 'none'): SoakServer {
  let connections = 0;
  const open = new Set<FakeServerSocket>();

  class FakeServerSocket implements WebSocketLike {
    readyState = 0;
    onopen: WebSocketLike['onopen'] = null;
    onclose: WebSocketLike['onclose'] = null;
    onerror: WebSocketLike['onerror'] = null;
    onmessage: WebSocketLike['onmessage'] = null;
    /** Tokens subscribed on this connection (Wiro de-duplicates per connection), with how to stop the known ones. */
    readonly #subscriptions = new Map<string, (() => void) | null>();

    constructor(_url: string) {
      connections++;
      setTimeout(() => {
        if (this.readyState !== 0) return;
        this.readyState = 1;
        open.add(this);
        this.onopen?.({});
        if (fault === 'accept-then-close') {
          this.#end();
          this.onclose?.({ code: 1011, reason: 'accept then close', wasClean: false });
          return;
        }
        if (fault === 'none') this.deliver(JSON.stringify({ type: 'connected', version: '1.0' }));
      }, 1);
    }

    send(data: string): void {
      if (this.readyState !== 1 || fault === 'silent') return;
      const frame = JSON.parse(data) as { type?: string; agenttoken?: string };
      const token = frame.agenttoken;
      if (frame.type !== 'agent_info' || typeof token !== 'string' || this.#subscriptions.has(token)) return;
      this.#subscriptions.set(token, null);
      queueMicrotask(() => {
        if (this.readyState !== 1) return;
        const unsubscribe = backend.subscribe(token, { frame: (f) => this.deliver(JSON.stringify(f)) });
        // An unknown token got its one "unknown" answer: only the de-duplication entry stays.
        if (backend.getMessage({ agenttoken: token }) !== undefined) this.#subscriptions.set(token, unsubscribe);
      });
    }

    close(): void {
      this.#end();
    }

    deliver(data: string): void {
      if (this.readyState === 1) this.onmessage?.({ data });
    }

    #end(): void {
      this.readyState = 3;
      open.delete(this);
      for (const unsubscribe of this.#subscriptions.values()) unsubscribe?.();
      this.#subscriptions.clear();
    }
  }

  return {
    WebSocket: FakeServerSocket,
    connections: () => connections,
    broadcast(data) {
      for (const socket of open) socket.deliver(data);
    },
  };
}
