/**
 * Frame times from a Chromium trace: for each frame the renderer's main thread produced, how long the
 * thread was busy from that frame's start to the next one's (the frame itself, `BeginMainFrame`: scroll
 * events, animation frame callbacks, style, layout, paint; plus any task run between frames). A frame
 * fits a 60 Hz budget when this stays under 16 ms.
 */
import type { TraceEvent } from '../lib/trace';

/** Categories to record for {@link frameTimes}. */
export const FRAME_TRACE_CATEGORIES = ['toplevel', 'benchmark'];

/** Per-frame figures, ms, in frame order. */
export interface FrameTimes {
  /** Duration of each frame's `BeginMainFrame`. */
  frameMs: number[];
  /** Main-thread busy time from each frame's start to the next frame's start. */
  busyMs: number[];
}

/** Frames whose start lies between the first and last `from`…`to` (trace clock, µs), on the thread that made them. */
export function frameTimes(events: readonly TraceEvent[], from = -Infinity, to = Infinity): FrameTimes {
  const frames = events
    .filter((e) => e.name === 'ProxyMain::BeginMainFrame' && e.ph === 'X' && e.ts >= from && e.ts <= to)
    .sort((a, b) => a.ts - b.ts);
  const first = frames[0];
  if (!first) return { frameMs: [], busyMs: [] };
  // Outermost tasks of the frames' thread (tasks nest: keep those no other task contains).
  const tasks = events
    .filter(
      (e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.pid === first.pid && e.tid === first.tid,
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outer: { start: number; end: number }[] = [];
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const last = outer[outer.length - 1];
    if (last && task.ts < last.end) last.end = Math.max(last.end, end);
    else outer.push({ start: task.ts, end });
  }
  const busyMs: number[] = [];
  let t = 0;
  for (let i = 0; i + 1 < frames.length; i++) {
    const start = (frames[i] as TraceEvent).ts;
    const next = (frames[i + 1] as TraceEvent).ts;
    let busy = 0;
    while (t < outer.length && (outer[t] as { end: number }).end <= start) t++;
    for (let k = t; k < outer.length && (outer[k] as { start: number }).start < next; k++) {
      const span = outer[k] as { start: number; end: number };
      busy += Math.max(0, Math.min(span.end, next) - Math.max(span.start, start));
    }
    busyMs.push(busy / 1000);
  }
  return { frameMs: frames.map((f) => (f.dur ?? 0) / 1000), busyMs };
}
