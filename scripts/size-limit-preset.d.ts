/** `@size-limit/preset-small-lib` ships no types: its default export is size-limit's plugin list. */
declare module '@size-limit/preset-small-lib' {
  const plugins: unknown;
  export default plugins;
}
