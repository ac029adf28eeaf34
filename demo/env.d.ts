import type { DemoConfig } from './config';

declare global {
  /** Injected by demo/start.ts through Vite's `define`. */
  const __WIRO_DEMO__: DemoConfig;
}
