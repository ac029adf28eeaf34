/**
 * Reference counting of subscriptions: several components may follow one token, and the socket lets
 * go of it (eviction, the idle close) only when the last of them releases.
 * @packageDocumentation
 */

/** One hold on a token. */
export interface Hold {
  /** Someone held the token already: this is not its first subscriber. */
  readonly wasHeld: boolean;
  /** Let go of this hold; a second call does nothing. */
  readonly release: () => void;
}

/** Who holds which token. */
export interface Holders {
  has(token: string): boolean;
  /** Hold `token`; `onLastRelease` runs when this hold is the last one released. */
  hold(token: string, onLastRelease: () => void): Hold;
}

/** Create an empty set of holds. */
export function createHolders(): Holders {
  const counts = new Map<string, number>();
  return {
    has: (token) => counts.has(token),
    hold(token, onLastRelease) {
      const held = counts.get(token) ?? 0;
      counts.set(token, held + 1);
      let released = false;
      return {
        wasHeld: held > 0,
        release: () => {
          if (released) return;
          released = true;
          const left = (counts.get(token) ?? 1) - 1;
          if (left > 0) {
            counts.set(token, left);
            return;
          }
          counts.delete(token);
          onLastRelease();
        },
      };
    },
  };
}
