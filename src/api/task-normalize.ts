/**
 * Turn the model-run REST answers into {@link TaskRecord} and {@link RunResult}. Numbers sent as
 * strings are parsed; nothing here throws: a value too broken to use yields `null` (the client turns
 * that into a `bad_response` error) or is dropped (one bad output entry).
 * @packageDocumentation
 */
import { isJsonObject, isStringArray, toFiniteNumber, toWireString, unwrapJsonString } from './normalize.js';
import type { RunResult, TaskRecordOutput, TaskRecord } from './task-types.js';

/** Normalise Run's answer; `null` without a `taskid` and a `socketaccesstoken`. */
export function parseRunResult(body: Record<string, unknown>): RunResult | null {
  const taskid = toWireString(body.taskid);
  const tasktoken = body.socketaccesstoken;
  if (taskid === undefined || taskid === '' || typeof tasktoken !== 'string' || tasktoken === '') return null;
  return { taskid, tasktoken };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Normalise `outputs` (array or JSON string): file entries need a `url`, raw ones a `content` object. */
export function parseTaskOutputs(value: unknown): TaskRecordOutput[] {
  const parsed = unwrapJsonString(value);
  if (!Array.isArray(parsed)) return [];
  const out: TaskRecordOutput[] = [];
  for (const item of parsed) {
    if (!isJsonObject(item)) continue;
    if (item.contenttype === 'raw') {
      const content = unwrapJsonString(item.content);
      if (!isJsonObject(content)) continue;
      out.push({
        kind: 'raw',
        contenttype: 'raw',
        content: {
          prompt: stringOr(content.prompt, ''),
          raw: stringOr(content.raw, ''),
          thinking: isStringArray(content.thinking) ? content.thinking : [],
          answer: isStringArray(content.answer) ? content.answer : [],
        },
      });
    } else if (typeof item.url === 'string' && item.url !== '') {
      out.push({
        kind: 'file',
        name: stringOr(item.name, ''),
        contenttype: stringOr(item.contenttype, ''),
        size: toFiniteNumber(item.size) ?? null,
        url: item.url,
      });
    }
  }
  return out;
}

/** Normalise one `tasklist` row; `null` without an id and a string status. */
export function parseTaskRecord(value: unknown): TaskRecord | null {
  if (!isJsonObject(value)) return null;
  const taskid = toWireString(value.id) ?? toWireString(value.taskid);
  if (taskid === undefined || taskid === '' || typeof value.status !== 'string') return null;
  const parameters = unwrapJsonString(value.parameters);
  const pexit = toFiniteNumber(value.pexit);
  return {
    taskid,
    tasktoken: stringOr(value.socketaccesstoken, ''),
    status: value.status,
    pexit: pexit !== undefined && Number.isInteger(pexit) ? pexit : null,
    parameters: isJsonObject(parameters) ? parameters : {},
    debugoutput: stringOr(value.debugoutput, ''),
    starttime: positiveTime(value.starttime),
    endtime: positiveTime(value.endtime),
    elapsedseconds: toFiniteNumber(value.elapsedseconds) ?? null,
    totalcost: toFiniteNumber(value.totalcost) ?? null,
    outputs: parseTaskOutputs(value.outputs),
  };
}

/** A timestamp; Wiro writes `"0"` or `""` for one that has not happened yet. */
function positiveTime(value: unknown): number | null {
  const n = toFiniteNumber(value);
  return n !== undefined && n > 0 ? n : null;
}

/** Normalise Task/Detail's answer to its first readable run; `null` when `tasklist` has none. */
export function parseTaskDetail(body: Record<string, unknown>): TaskRecord | null {
  const list = unwrapJsonString(body.tasklist);
  if (!Array.isArray(list)) return null;
  for (const row of list) {
    const record = parseTaskRecord(row);
    if (record !== null) return record;
  }
  return null;
}
