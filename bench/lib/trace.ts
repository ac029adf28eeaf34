/**
 * Main-thread time from a Chromium trace, split the way DevTools' Performance panel does: each event's
 * self time (its duration minus its children's) goes to scripting, rendering (style, layout), painting
 * or other. Used because CDP's `Performance.getMetrics` `ScriptDuration` under-reports scripting time
 * against a trace of the same load.
 */

/** The part of a Chrome trace event this module reads. */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

/** Milliseconds of main-thread time inside a window. */
export interface MainThreadBreakdown {
  /** Window length. */
  windowMs: number;
  /** Time inside top-level tasks (the thread was busy). */
  busyMs: number;
  /** JavaScript, including GC and compilation. */
  scriptMs: number;
  /** Style recalculation, layout, pre-paint, hit testing. */
  renderMs: number;
  /** Paint, layerize, commit to the compositor. */
  paintMs: number;
  /** Task time no event above accounts for (scheduling, IPC, task bookkeeping). */
  otherMs: number;
}

/** Categories to record for {@link mainThreadBreakdown}. */
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
];

const SCRIPT = new Set([
  'FunctionCall',
  'EvaluateScript',
  'EventDispatch',
  'TimerFire',
  'FireAnimationFrame',
  'RunMicrotasks',
  'FireIdleCallback',
  'v8.run',
  'v8.callFunction',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'V8.Execute',
  'MajorGC',
  'MinorGC',
  'V8.GCScavenger',
  'V8.GCCompactor',
  'V8.GCFinalizeMC',
  'V8.GCIncrementalMarking',
  'V8.GC_MC_BACKGROUND_MARKING',
  'BlinkGC.AtomicPhase',
  'ThreadState::performIdleLazySweep',
  'ThreadState::completeSweep',
  'GCEvent',
  'ParseHTML',
]);
const RENDER = new Set([
  'UpdateLayoutTree',
  'RecalculateStyles',
  'Layout',
  'PrePaint',
  'HitTest',
  'ScheduleStyleRecalculation',
  'InvalidateLayout',
  'IntersectionObserverController::computeIntersections',
  'UpdateLayer',
  'ScrollLayer',
]);
const PAINT = new Set([
  'Paint',
  'PaintImage',
  'Layerize',
  'UpdateLayerTree',
  'CompositeLayers',
  'Commit',
  'PaintSetup',
  'Rasterize',
]);

/**
 * Break down the renderer main thread's time between two `performance.mark` names.
 *
 * @throws Error when either mark is missing from the trace.
 */
export function mainThreadBreakdown(events: TraceEvent[], startMark: string, endMark: string): MainThreadBreakdown {
  const start = events.find((e) => e.name === startMark);
  const end = events.find((e) => e.name === endMark);
  if (!start || !end)
    throw new Error(`trace has no ${start ? endMark : startMark} mark (is blink.user_timing recorded?)`);
  const { pid, tid } = start;
  const from = start.ts;
  const to = end.ts;

  // Complete events of that thread overlapping the window, clipped to it, parents before children.
  const spans = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && typeof e.dur === 'number')
    .map((e) => ({ name: e.name, start: Math.max(e.ts, from), end: Math.min(e.ts + (e.dur as number), to) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);

  const totals = { busy: 0, script: 0, render: 0, paint: 0, other: 0 };
  type Open = { name: string; start: number; end: number; children: number };
  const stack: Open[] = [];
  const close = (span: Open): void => {
    const self = Math.max(0, span.end - span.start - span.children);
    if (SCRIPT.has(span.name)) totals.script += self;
    else if (RENDER.has(span.name)) totals.render += self;
    else if (PAINT.has(span.name)) totals.paint += self;
    else totals.other += self;
  };
  for (const span of spans) {
    while (stack.length > 0 && (stack[stack.length - 1] as Open).end <= span.start) close(stack.pop() as Open);
    const parent = stack[stack.length - 1];
    // Trace clocks are microseconds and sibling events can overlap by one; never let a child outlive its parent.
    const end = parent ? Math.min(span.end, parent.end) : span.end;
    // Every outermost span counts as busy time: normally a task wrapper (RunTask), but work recorded
    // outside one kept the thread just as busy.
    if (parent) parent.children += end - span.start;
    else totals.busy += end - span.start;
    stack.push({ name: span.name, start: span.start, end, children: 0 });
  }
  while (stack.length > 0) close(stack.pop() as Open);

  const ms = (us: number): number => us / 1000;
  return {
    windowMs: ms(to - from),
    busyMs: ms(totals.busy),
    scriptMs: ms(totals.script),
    renderMs: ms(totals.render),
    paintMs: ms(totals.paint),
    otherMs: ms(totals.other),
  };
}
