/** Story annotations for each reply state: the mocked agent, the frame around it and the docs text. */
import { REPLY_STATES, THINKING, refuseAfterFirst, type ReplyState } from './scenarios';
import type { AgentMockParameters } from './mocks';

/** The parts of a story every component's state stories share. */
export interface StateAnnotations {
  parameters: {
    agent: AgentMockParameters;
    frame?: { width?: number; height?: number };
    docs: { description: { story: string } };
  };
  globals?: { theme: 'dark' };
}

/**
 * Annotations for the story of one state: its token plays the state's scenario (for a chat, every sent
 * message gets it as reply). `height` frames chats, which fill their container; `withThinking` adds
 * reasoning to replies that have none.
 */
export function stateStory(
  state: ReplyState,
  options: { chat?: boolean; height?: number; withThinking?: boolean } = {},
): StateAnnotations {
  const setup = REPLY_STATES[state];
  const refuse = setup.refuseReconnectsMs;
  // Stories of the thinking block give every reply some reasoning to show.
  const scenario =
    options.withThinking && setup.scenario.thinking === undefined && !setup.scenario.unknown
      ? { ...setup.scenario, thinking: THINKING }
      : setup.scenario;
  const agent: AgentMockParameters = options.chat ? { reply: () => scenario } : { scenario };
  if (refuse !== undefined) agent.connections = () => refuseAfterFirst(refuse);
  const frame =
    setup.width !== undefined || options.height !== undefined
      ? { width: setup.width, height: options.height }
      : undefined;
  // No `name` here: Storybook's index reads only literal names, so the sidebar and the docs page would
  // disagree. Stories are named by their export (`StringError` → "String Error").
  return {
    parameters: { agent, ...(frame ? { frame } : {}), docs: { description: { story: setup.description } } },
    ...(setup.theme ? { globals: { theme: setup.theme } } : {}),
  };
}
