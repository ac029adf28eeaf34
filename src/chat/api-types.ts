/**
 * What the chat needs of the REST client: four of `createAgentApi`'s methods. Any object with them
 * works (a wrapper adding auth headers, a test double).
 * @packageDocumentation
 */
import type { AgentApi, AgentMessageRecord } from '../api/types.js';

/** The part of {@link AgentApi} the chat calls: `send`, `detail`, `history`, `cancel`. */
export type ChatApi = Pick<AgentApi, 'send' | 'detail' | 'history' | 'cancel'>;

/** A Message/Detail or Message/History row. */
export type ChatRecord = AgentMessageRecord;
