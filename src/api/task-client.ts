/**
 * The REST client's model-run methods: Run, Task/Detail, Task/Cancel and Task/Kill.
 * @packageDocumentation
 */
import { badResponse, fileName, requireString, throwIt } from './args.js';
import type { ApiCall } from './client.js';
import { isJsonObject } from './normalize.js';
import { parseRunResult, parseTaskDetail } from './task-normalize.js';
import type { RunInputs, RunOptions, TaskApi, TaskRef } from './task-types.js';

/** `"owner/model"`: two non-empty segments, as in Wiro's model URLs. */
const MODEL_NAME = /^[^/\s]+\/[^/\s]+$/;

/** The model's path under the API base, each segment URL-encoded. */
export function runPath(model: string): string {
  const [owner = '', slug = ''] = model.split('/');
  return `/Run/${encodeURIComponent(owner)}/${encodeURIComponent(slug)}`;
}

/** `true` for a model name the client and the task proxy accept. */
export function isModelName(value: unknown): value is string {
  return typeof value === 'string' && MODEL_NAME.test(value);
}

function filesOf(method: string, files: RunOptions['files']): [string, Blob][] {
  if (files === undefined) return [];
  if (!isJsonObject(files)) throw new TypeError(`${method}: files must be an object of File or Blob by parameter id`);
  const out: [string, Blob][] = [];
  for (const [paramId, value] of Object.entries(files)) {
    const list: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const file of list) {
      if (!(file instanceof Blob))
        throw new TypeError(`${method}: files.${paramId} must be a File or Blob (or an array of them)`);
      out.push([paramId, file]);
    }
  }
  return out;
}

/** The task methods over one transport (see `createAgentApi`). */
export function createTaskMethods(call: ApiCall): TaskApi {
  const tokenBody = (method: string, tasktoken: unknown): Record<string, string> => ({
    tasktoken: requireString(method, 'tasktoken', tasktoken),
  });

  return {
    async run(model: string, inputs: RunInputs, options: RunOptions = {}) {
      const method = 'run';
      if (!isModelName(model)) throw new TypeError(`${method}: model must be "owner/model"`);
      if (!isJsonObject(inputs)) throw new TypeError(`${method}: inputs must be an object of values by parameter id`);
      const files = filesOf(method, options.files);
      const fields: Record<string, unknown> = { ...inputs };
      if (options.callbackUrl !== undefined) {
        fields.callbackUrl = requireString(method, 'callbackUrl', options.callbackUrl);
      }
      let body: Record<string, unknown> | FormData = fields;
      if (files.length > 0) {
        const form = new FormData();
        for (const [name, value] of Object.entries(fields)) {
          if (value === undefined) continue;
          form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
        }
        for (const [paramId, file] of files) form.append(paramId, file, fileName(file));
        body = form;
      }
      const response = await call('Run', runPath(model), body, options);
      return parseRunResult(response) ?? throwIt(badResponse('Run', 200, 'no taskid/socketaccesstoken'));
    },

    async taskDetail(ref: TaskRef, options) {
      const method = 'taskDetail';
      if (!isJsonObject(ref)) throw new TypeError(`${method}: expected { tasktoken } or { taskid }`);
      let body: Record<string, string>;
      if (ref.tasktoken !== undefined) body = tokenBody(method, ref.tasktoken);
      else if (typeof ref.taskid === 'number' && Number.isInteger(ref.taskid)) body = { taskid: String(ref.taskid) };
      else if (ref.taskid !== undefined) body = { taskid: requireString(method, 'taskid', ref.taskid) };
      else throw new TypeError(`${method}: either tasktoken or taskid is required`);
      const response = await call('Task/Detail', '/Task/Detail', body, options);
      return parseTaskDetail(response) ?? throwIt(badResponse('Task/Detail', 200, 'no readable task in tasklist'));
    },

    async cancelTask(tasktoken: string, options) {
      await call('Task/Cancel', '/Task/Cancel', tokenBody('cancelTask', tasktoken), options);
    },

    async killTask(tasktoken: string, options) {
      await call('Task/Kill', '/Task/Kill', tokenBody('killTask', tasktoken), options);
    },
  };
}
