/**
 * `wiro-agent-react/testing/node`: a real Wiro-compatible mock server (WebSocket + REST) for
 * Node: browser tests, the demo app and local development without an account. Needs `ws`.
 * @packageDocumentation
 */
export { startMockAgentServer } from './mock-server.js';
export type {
  MockAgentServer,
  MockAgentServerOptions,
  MockFlood,
  MockFloodOptions,
  MockServerFaults,
  ReceivedFrame,
} from './mock-server.js';
