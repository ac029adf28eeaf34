/**
 * `wiro-agent-react/testing`: scripted agent replies, an in-memory Wiro backend, and a real mock
 * server (WebSocket + REST) for tests, stories and local development.
 *
 * `startMockAgentServer` needs Node (it imports `node:http` and `ws`); the rest runs anywhere.
 * @packageDocumentation
 */
export {
  agentScenario,
  scenarioFrames,
  scenarioRaw,
  wireProgress,
  SANITIZED_AGENT_ERROR,
  CANCEL_REASON,
} from './scenario';
export type {
  AgentScenario,
  AgentScenarioInput,
  ScenarioFailure,
  ScenarioStep,
  WireAgentFrame,
  WireProgress,
} from './scenario';
export { createMockAgentBackend, defaultMockReply } from './backend';
export type {
  MockAgentBackend,
  MockAgentBackendOptions,
  MockApiErrorItem,
  MockApiFailure,
  MockApiResponse,
  MockApiSuccess,
  MockAttachment,
  MockBackendSubscriber,
  MockCreateMessageOptions,
  MockHistoryRow,
  MockHttpReply,
  MockMessageRecord,
  MockMessageStatus,
  MockReply,
  MockReplyContext,
  MockSendParams,
} from './backend';
export { startMockAgentServer } from './mock-server';
export type { MockAgentServer, MockAgentServerOptions, ReceivedFrame } from './mock-server';
export { agentSocketHandlers, agentApiHandlers, WIRO_SOCKET_URL, WIRO_API_URL } from './msw';
export type {
  AgentScenarioLike,
  AgentScenarioSource,
  AgentSocketHandlersOptions,
  AgentApiHandlersOptions,
} from './msw';
