export { decodeFrame, decodeParsed, isProtocolError, toDurationMs, toNumber } from './decode';
export { splitThinking, interleaveSegments } from './thinking';
export type { ThinkingSplit } from './thinking';
export { redactToken } from './redact';
export type * from './types';
