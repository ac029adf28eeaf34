/**
 * Counts React root commits in production builds. React DOM looks for `__REACT_DEVTOOLS_GLOBAL_HOOK__`
 * when it loads and, if the hook supports fibers, calls `onCommitFiberRoot` once per commit. `<Profiler>`
 * would need React's profiling build, which adds timing work to every render on both sides of the
 * comparison; this hook adds one counter increment per commit.
 *
 * Must be imported before `react-dom` (module order decides which runs first).
 */
let commits = 0;

const target = globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown };
target.__REACT_DEVTOOLS_GLOBAL_HOOK__ ??= {
  isDisabled: false,
  supportsFiber: true,
  renderers: new Map(),
  inject: () => 1,
  onCommitFiberRoot: () => {
    commits++;
  },
  onCommitFiberUnmount: () => {},
  onPostCommitFiberRoot: () => {},
  checkDCE: () => {},
};

/** Root commits so far, across every React root on the page. */
export function rootCommits(): number {
  return commits;
}
