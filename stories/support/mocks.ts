/**
 * How a story asks for a mocked Wiro (`parameters.agent`) and what it gets back (`loaded.agent`).
 * The loader that connects the two is `.storybook/agent-mocks.ts`.
 */
import type { MockAgentBackend, MockReply } from 'wiro-agent-react/testing';
import type { AgentScenarioSource } from 'wiro-agent-react/testing/msw';
import type { AgentSocketOptions } from 'wiro-agent-react/core';

/** `parameters.agent`: what the story's mocked agent does. */
export interface AgentMockParameters {
  /** What a subscribed token plays (the story's own `token` included); see `agentSocketHandlers`. */
  scenario?: AgentScenarioSource;
  /** The scripted reply to each message a chat sends. */
  reply?: MockReply;
  /** A connection policy, made fresh for each render (its state must not leak between visits). */
  connections?: () => (connection: number) => boolean;
  /** Store messages before the story renders (chat history); the loader waits until they have finished. */
  seed?: (backend: MockAgentBackend, ids: { useragentguid: string; sessionkey: string }) => void;
}

/** `loaded.agent`: where the story's mocked agent lives. */
export interface AgentMock {
  /** The mocked WebSocket URL (unique to the story, so stories on one docs page do not interfere). */
  socketUrl: string;
  /** The mocked REST base URL, for `createAgentApi({ baseUrl })`. */
  apiBaseUrl: string;
  /** A token that plays `parameters.agent.scenario`. */
  token: string;
  /** The agent and session the chat stories use. */
  useragentguid: string;
  sessionkey: string;
  /** The in-memory agent behind both. */
  backend: MockAgentBackend;
}

/** Socket options for stories: reconnect sooner than the default, so the reconnecting stories move along. */
export const STORY_SOCKET_OPTIONS: AgentSocketOptions = {
  reconnect: { initialDelayMs: 400, maxDelayMs: 1500, factor: 2, jitter: false },
};

/** The mocked agent of a story, from its `loaded` context. */
export function agentOf(loaded: Record<string, unknown>): AgentMock {
  const agent = loaded.agent as AgentMock | undefined;
  if (agent === undefined) throw new Error('This story needs `parameters.agent` (see stories/support/mocks.ts).');
  return agent;
}
