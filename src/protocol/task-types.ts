/**
 * Wire types of model-run (task) frames on Wiro's shared socket, as {@link decodeTaskFrame} hands them on.
 *
 * The server sends numbers as strings (`"60"`, `"202472"`), durations with units (`"5s"`), a task's
 * `task_output` message in three shapes (a progress object, one stdout write, an LLM progress object) and
 * the result as an array of files or of LLM `raw` content; the decoder turns all of that into these shapes.
 * @packageDocumentation
 */
import type { TaskLifecycleType } from './task-statuses.js';
import type { AgentProgress, ProtocolError } from './types.js';

export type { TaskLifecycleType } from './task-statuses.js';

/** Frames only realtime models (voice conversation, text-to-speech, speech-to-text) send. */
export type TaskRealtimeType = 'task_stream_ready' | 'task_stream_end' | 'task_cost';

/** Every task frame type the server sends. */
export type TaskFrameType =
  | TaskLifecycleType
  | 'task_output'
  | 'task_error'
  | 'task_output_full'
  | 'task_error_full'
  | 'task_postprocess_end'
  | 'task_cancel'
  | TaskRealtimeType;

/**
 * Progress figures of a standard (non-LLM) model, from a `task_output` progress object. Every field is
 * `null` when the server did not send it or sent it unreadable.
 */
export interface TaskProgressFigures {
  /** What the model is doing (`message.task`, e.g. `"Generate"`). */
  task: string | null;
  /** 0 to 100 (the wire sends `"60"`); out-of-range values are clamped. */
  percentage: number | null;
  /** The current step (`stepCurrent`). */
  step: number | null;
  /** The number of steps (`stepTotal`). */
  steps: number | null;
  /** Speed in `speedType` units (`"1.2"` `"it/s"`). */
  speed: number | null;
  speedType: string | null;
  /** Time since the model started, in milliseconds (`"5s"`, `"1m 5s"`, `"00:05"`). */
  elapsedMs: number | null;
  /** The model's estimate of the time left, in milliseconds. */
  remainingMs: number | null;
}

/** One file a run produced (`task_postprocess_end` / Task/Detail `outputs`). */
export interface TaskOutputFile {
  /** File name (`"0.png"`); taken from the URL's last segment when the server sent none. */
  name: string;
  /**
   * MIME type (`"image/png"`). The quick-reference frames omit it: it is then inferred from the file
   * extension (`png`, `jpg`, `webp`, `gif`, `svg`, `mp4`, `webm`, `mov`, `mp3`, `wav`, `ogg`, `flac`, …),
   * else `"application/octet-stream"`.
   */
  contentType: string;
  /** Size in bytes (the wire sends `"202472"`), `null` when unknown. */
  size: number | null;
  /** Where the file is (a CDN URL). Not checked here: renderers apply their URL policy. */
  url: string;
}

/** An LLM run's structured result: `{ contenttype: "raw", content: { prompt, raw, thinking, answer } }`. */
export interface TaskRawContent {
  /** The prompt the run answered, when the server echoes it. */
  prompt: string | null;
  /** The text, normalised like an agent's progress object. */
  progress: AgentProgress;
}

interface TaskFrameBase {
  /** The socket access token the run is subscribed with. */
  tasktoken: string;
  /** The task id (`id` on the wire), `null` when the frame has none. */
  taskid: string | null;
  result: boolean;
}

/** A lifecycle step (`message` is `null` on the wire). */
export interface TaskLifecycleFrame extends TaskFrameBase {
  type: TaskLifecycleType;
}

/** What one `task_output` carried. */
export type TaskOutputMessage =
  /** A standard model's progress object (percentage, steps, speed, times). */
  | { kind: 'progress'; progress: TaskProgressFigures }
  /** One stdout write, as sent. */
  | { kind: 'stdout'; text: string }
  /** An LLM's accumulated text so far (replace, never append), with its thinking/answer split. */
  | { kind: 'llm'; progress: AgentProgress };

/** The model produced output; sent many times. */
export interface TaskOutputFrame extends TaskFrameBase {
  type: 'task_output';
  message: TaskOutputMessage;
}

/** The model wrote to stderr: a log line, NOT a failure (the run may still succeed). */
export interface TaskErrorFrame extends TaskFrameBase {
  type: 'task_error';
  text: string;
}

/** The whole stdout log, once, after the process exits. Replaces what the `task_output` writes added up to. */
export interface TaskOutputFullFrame extends TaskFrameBase {
  type: 'task_output_full';
  raw: string;
  /** For LLM runs that sent `thinking`/`answer` arrays: the final text, split. `null` for standard models. */
  llm: AgentProgress | null;
}

/** The whole stderr log, once, after the process exits (only when stderr is non-empty). */
export interface TaskErrorFullFrame extends TaskFrameBase {
  type: 'task_error_full';
  raw: string;
}

/** The result. Success is decided here and only here: `exitCode === 0`. */
export interface TaskPostprocessEndFrame extends TaskFrameBase {
  type: 'task_postprocess_end';
  /** The files the run produced, in order. */
  outputs: TaskOutputFile[];
  /** An LLM run's structured text, when the result carries one. */
  llm: TaskRawContent | null;
  /** The process exit code (`pexit`, `"0"` = success), `null` when the frame does not carry it. */
  exitCode: number | null;
  /** Result entries that were neither a readable file nor LLM content and were left out. */
  skipped: number;
}

/** The run was cancelled (while queued) or killed (while running). Terminal. */
export interface TaskCancelFrame extends TaskFrameBase {
  type: 'task_cancel';
  /** The server's note, when it sent a string. */
  message: string | null;
}

/** A realtime session is ready, or the model finished its turn. The kit keeps no state for these. */
export interface TaskRealtimeFrame extends TaskFrameBase {
  type: 'task_stream_ready' | 'task_stream_end';
}

/** A realtime model's cost update for one turn. */
export interface TaskCostFrame extends TaskFrameBase {
  type: 'task_cost';
  turnCost: number | null;
  cumulativeCost: number | null;
  /** Token counts by name (`input_tokens`, `output_tokens`), numbers only. */
  usage: Readonly<Record<string, number>>;
}

/** Every task frame the decoder accepts. */
export type TaskServerFrame =
  | TaskLifecycleFrame
  | TaskOutputFrame
  | TaskErrorFrame
  | TaskOutputFullFrame
  | TaskErrorFullFrame
  | TaskPostprocessEndFrame
  | TaskCancelFrame
  | TaskRealtimeFrame
  | TaskCostFrame;

/** Frame the client sends to subscribe to a run. */
export interface TaskInfoFrame {
  type: 'task_info';
  tasktoken: string;
}

/** A task frame the decoder refused: a {@link ProtocolError} that names the run's token when it had a readable one. */
export interface TaskProtocolError extends ProtocolError {
  /** The frame's tasktoken, for attribution; never part of `error`. */
  tasktoken?: string;
}
