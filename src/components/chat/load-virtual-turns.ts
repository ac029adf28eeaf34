/**
 * The virtualised rows are loaded on demand, in the browser, the first time a list can be laid out:
 * the virtualiser feature-tests `window` when its module loads, and nothing the kit imports may touch
 * `window` or `document` (server rendering, workers, test environments with partial DOM globals).
 * Until they are there, the list renders its turns without virtualising them.
 * @packageDocumentation
 */
import { onDemand } from '../on-demand.js';
import type { VirtualTurns } from './VirtualTurns.js';

/** The virtualised rows component. */
export type VirtualTurnsComponent = typeof VirtualTurns;

/** The virtualised rows, loaded on demand. */
export const virtualTurns = /* @__PURE__ */ onDemand<VirtualTurnsComponent>(() =>
  import('./VirtualTurns.js').then((module) => module.VirtualTurns),
);
