/**
 * The virtualised rows are loaded on demand, in the browser, the first time a list can be laid out:
 * the virtualiser feature-tests `window` when its module loads, and nothing the kit imports may touch
 * `window` or `document` (server rendering, workers, test environments with partial DOM globals).
 * Bundlers that split code fetch it as its own chunk; until it is there, the list renders its turns
 * without virtualising them.
 * @packageDocumentation
 */
import type { VirtualTurns } from './VirtualTurns.js';

/** The virtualised rows component. */
export type VirtualTurnsComponent = typeof VirtualTurns;

let loaded: VirtualTurnsComponent | null = null;
let loading: Promise<VirtualTurnsComponent> | null = null;

/** The component, if it has already been loaded in this page. */
export function loadedVirtualTurns(): VirtualTurnsComponent | null {
  return loaded;
}

/** Load the component (once per page). Rejects when its chunk cannot be fetched; a later call tries again. */
export function loadVirtualTurns(): Promise<VirtualTurnsComponent> {
  loading ??= import('./VirtualTurns.js').then(
    (module) => (loaded = module.VirtualTurns),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
