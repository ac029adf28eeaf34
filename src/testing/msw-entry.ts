/**
 * `wiro-agent-react/testing/msw`: msw 2 handlers that stand in for Wiro's agent WebSocket and
 * REST API in unit tests (`setupServer`) and Storybook (`setupWorker`). Needs `msw`.
 * @packageDocumentation
 */
export { agentSocketHandlers, agentApiHandlers, WIRO_SOCKET_URL, WIRO_API_URL } from './msw.js';
export type {
  AgentScenarioLike,
  AgentScenarioSource,
  AgentSocketHandlersOptions,
  AgentApiHandlersOptions,
} from './msw.js';
