/**
 * `wiro-agent-react/testing`: scripted agent replies and model runs (with small generated media files),
 * an in-memory Wiro backend, and a real mock server (WebSocket + REST) for tests, stories and local
 * development.
 *
 * This entry runs anywhere and has no dependencies. Two siblings carry the parts that need more:
 * `wiro-agent-react/testing/msw` (request handlers for msw 2, for unit tests and Storybook) and
 * `wiro-agent-react/testing/node` (`startMockAgentServer`, a real server on `node:http` + `ws`).
 * @packageDocumentation
 */
export {
  agentScenario,
  scenarioFrames,
  scenarioRaw,
  wireProgress,
  SANITIZED_AGENT_ERROR,
  CANCEL_REASON,
} from './scenario.js';
export type {
  AgentScenario,
  AgentScenarioInput,
  ScenarioFailure,
  ScenarioStep,
  WireAgentFrame,
  WireProgress,
} from './scenario.js';
export {
  interruptTaskFrames,
  taskDetailAt,
  taskOutputUrl,
  taskScenario,
  taskScenarioFile,
  taskScenarioFrames,
} from './task-scenario.js';
export type {
  TaskDetailMeta,
  TaskInterruptRefusal,
  TaskScenario,
  TaskScenarioInput,
  TaskScenarioOutcome,
  TaskScenarioOutput,
  TaskScenarioOutputInput,
  TaskScenarioPlayOptions,
  TaskScenarioStep,
  WireTaskDetail,
  WireTaskFrame,
  WireTaskOutput,
  WireTaskProgress,
} from './task-scenario.js';
export { replayTask } from './task-replay.js';
export { gradientPng, mediaKindOf, taskMediaFile, toneWav } from './task-media.js';
export type { TaskMediaFile, TaskMediaKind } from './task-media.js';
export { createMockAgentBackend, defaultMockReply } from './backend.js';
export { defaultMockRun } from './task-backend.js';
export type {
  MockCreateTaskOptions,
  MockRunModel,
  MockTaskHttpContext,
  MockTaskInfo,
  MockTaskRuns,
  MockTaskSubscriber,
} from './task-backend.js';
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
} from './backend.js';
