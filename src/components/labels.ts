/**
 * User-facing strings of the components, overridable for translation through each component's `labels` prop.
 * @packageDocumentation
 */

/** Every string the components show or announce. Pass a partial object to override some. */
export interface AgentMessageLabels {
  /** Screen-reader text of the placeholder before the first text arrives. */
  waiting: string;
  /** Title of a thinking block while the model thinks. */
  thinking: string;
  /** Title of a finished thinking block whose duration is known. */
  thoughtFor: (seconds: number) => string;
  /** Title of a finished thinking block whose duration is unknown (e.g. loaded after the fact). */
  thoughts: string;
  /** The live timer next to {@link AgentMessageLabels.thinking}. */
  seconds: (seconds: number) => string;
  copyCode: string;
  copyAnswer: string;
  /** Shown and announced after a successful copy. */
  copied: string;
  /** Announced when the clipboard refused. */
  copyFailed: string;
  /** Mark on a reply the user cancelled (its partial text stays). */
  cancelled: string;
  /** Mark on a reply the agent finished with a non-answer (`agent_error` with a progress object). */
  failed: string;
  /** Shown when an error carries no message of its own. */
  error: string;
  /** Shown when the server does not know the agenttoken. */
  unknownToken: string;
  /** Note shown while the socket reconnects under a live reply. */
  reconnecting: string;
  /** Shown when the socket gave up reconnecting. */
  connectionFailed: string;
  /** Metric names (screen readers read them; the visible form is compact). */
  speed: string;
  tokens: string;
  words: string;
  elapsed: string;
}

/** The English defaults. */
export const defaultLabels: Readonly<AgentMessageLabels> = /* @__PURE__ */ Object.freeze({
  waiting: 'Waiting for the agent',
  thinking: 'Thinking…',
  thoughtFor: (seconds: number) => `Thought for ${seconds} s`,
  thoughts: 'Thoughts',
  seconds: (seconds: number) => `${seconds} s`,
  copyCode: 'Copy code',
  copyAnswer: 'Copy answer',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  cancelled: 'Cancelled',
  failed: 'The agent could not produce an answer.',
  error: 'Something went wrong.',
  unknownToken: 'This message could not be found. The link may have expired or be mistyped.',
  reconnecting: 'Reconnecting…',
  connectionFailed: 'Could not reach the agent. The answer so far is kept.',
  speed: 'Speed',
  tokens: 'Tokens',
  words: 'Words',
  elapsed: 'Elapsed',
});

/** Merge overrides over the defaults (a new object only when there are overrides). */
export function resolveLabels(labels: Partial<AgentMessageLabels> | undefined): AgentMessageLabels {
  return labels ? { ...defaultLabels, ...labels } : defaultLabels;
}
