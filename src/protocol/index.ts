/**
 * The wire format of Wiro's agent WebSocket, typed: the frame decoder, the `<think>` splitter and
 * token redaction. Pure functions, no I/O, no React.
 * @packageDocumentation
 */
export { decodeFrame, decodeParsed, isProtocolError, toDurationMs, toNumber } from './decode';
export { splitThinking, interleaveSegments } from './thinking';
export type { ThinkingSplit } from './thinking';
export { redactToken } from './redact';
export type * from './types';
