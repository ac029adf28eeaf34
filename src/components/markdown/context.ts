'use client';

/**
 * What the markdown slots read from the renderer around them (react-markdown renders them, so they
 * cannot get props): the merged plugins, and whether the block they are in is still arriving.
 * @packageDocumentation
 */
import { createContext, useContext } from 'react';
import { resolvePlugins, type CodeBlockRenderer, type ResolvedPlugins } from './plugins.js';

/** The plugins of the surrounding `StreamingMarkdown` (`null` outside one: the kit's defaults apply). */
export const PluginsContext = /* @__PURE__ */ createContext<ResolvedPlugins | null>(null);

/** `true` inside the unfinished last block of a text still streaming. */
export const LiveBlockContext = /* @__PURE__ */ createContext<boolean>(false);

/** The plugins of the surrounding renderer. */
export function usePlugins(): ResolvedPlugins {
  return useContext(PluginsContext) ?? defaultPlugins();
}

let defaults: ResolvedPlugins | undefined;
/** Made on first use, not at import: the slots module imports this one. */
function defaultPlugins(): ResolvedPlugins {
  defaults ??= resolvePlugins({});
  return defaults;
}

/** The first code renderer that draws fences of `lang`, if any. */
export function codeRendererFor(plugins: ResolvedPlugins, lang: string): CodeBlockRenderer | undefined {
  const key = lang.toLowerCase();
  return plugins.codeRenderers.find((renderer) => (renderer.accepts ? renderer.accepts(key) : key !== ''));
}
