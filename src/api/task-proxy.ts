/**
 * `createTaskProxy`: the server-side handler that forwards a browser's model runs (Run, Task/Detail,
 * Task/Cancel, Task/Kill) to Wiro, for an allowlist of models.
 * @packageDocumentation
 */
import { credentialOption } from './proxy-config.js';
import { ProxyRefusal } from './proxy-http.js';
import { createProxyRuntime } from './proxy-runtime.js';
import type { ProxyBaseOptions } from './proxy-runtime.js';
import type { FetchHandler } from './proxy.js';
import { isModelName, runPath } from './task-client.js';
import { TASK_ENDPOINTS } from './task-types.js';
import type { TaskEndpoint } from './task-types.js';

/** A file of a multipart Run, as `authorize` sees it (the bytes are not read). */
export interface TaskAuthorizeFile {
  /** The model parameter it is sent for. */
  field: string;
  name: string;
  type: string;
  size: number;
}

/** What the task proxy's `authorize` learns about the call it decides on. */
export interface TaskAuthorizeContext {
  endpoint: TaskEndpoint;
  /** Run: the model, `"owner/model"` (already checked against `models`); `null` for the others. */
  model: string | null;
  /**
   * Run: the inputs (parsed JSON, or the text fields of a multipart body), as they will be forwarded.
   * Read them; changes are ignored. `{}` for the others.
   */
  inputs: Readonly<Record<string, unknown>>;
  /** Run with files: one entry per file. */
  files: readonly TaskAuthorizeFile[];
  /** Task/Detail, Task/Cancel, Task/Kill: the run's tasktoken; `null` for Run. */
  tasktoken: string | null;
}

/** The task proxy's access check: `false` refuses (403); `undefined` or `true` allows. */
export type TaskProxyAuthorize = (
  request: Request,
  context: TaskAuthorizeContext,
) => void | boolean | Promise<void | boolean>;

/** Options of {@link createTaskProxy}. */
export interface TaskProxyOptions extends ProxyBaseOptions {
  /**
   * The models a browser may run, as `"owner/model"` (exactly as in Wiro's URLs; case matters). Run for
   * any other is a 404 `model_not_allowed` and nothing is sent. Malformed entries are reported at the
   * first request (500 `proxy_not_configured`), like a missing key.
   */
  models: readonly string[];
  /** Endpoints forwarded. Default: all four (`Run`, `Task/Detail`, `Task/Cancel`, `Task/Kill`). */
  allow?: readonly TaskEndpoint[];
  /** Reject calls; sees the model, the inputs and the files of a Run. See {@link TaskProxyAuthorize}. */
  authorize?: TaskProxyAuthorize;
  /** Webhook URL set on every Run (`callbackUrl`). A browser's own is always dropped. */
  callbackUrl?: string;
  /** Largest multipart Run (inputs and files), in bytes. Default 20 MiB. */
  maxMultipartBytes?: number;
  /** The path `/Run/…` and `/Task/…` live under, e.g. `"/api/wiro"`. When set, any other path is a 404. */
  basePath?: string;
}

const RUN_PATH = /\/Run\/([^/]+)\/([^/]+)$/;
const TASK_PATH = /\/Task\/(Detail|Cancel|Kill)$/;
/** Fields a browser may not set on a Run: where Wiro posts the result is the server's choice. */
const SERVER_ONLY_INPUTS: ReadonlySet<string> = /* @__PURE__ */ new Set(['callbackUrl', 'callbackurl']);

/**
 * A server-side fetch handler that forwards a browser's model runs to Wiro, holding the API key and
 * secret and signing every upstream request: `POST …/Run/{owner}/{model}` for the models in `models`
 * only, and `POST …/Task/Detail|Cancel|Kill` by tasktoken.
 *
 * What it guarantees, beside everything `createAgentProxy` guarantees about credentials, scrubbing,
 * size caps (`maxBodyBytes`, `maxMultipartBytes`, `maxResponseBytes`), CORS, timeouts and lazy
 * configuration (set-up throws only for an unknown endpoint in `allow` or `cors` `'*'` with
 * credentials):
 * - Run reaches only the allowlisted models, whatever the path says (404 `model_not_allowed`, nothing
 *   sent); the upstream URL is built from the allowlist entry, never from the caller's path. Inputs are
 *   forwarded as given (models differ), except `callbackUrl`, which only the server sets.
 * - Task/Detail, Task/Cancel and Task/Kill take a `tasktoken` only. A `taskid` is refused (400
 *   `taskid_not_allowed`): task ids are sequential, so anyone could read other users' runs by counting.
 *   The tasktoken is the capability: it is as secret as an agenttoken, and whoever holds it can also
 *   follow the run on the socket.
 * - `authorize` sees the model, the inputs and the files' names and sizes before anything is sent.
 *
 * What it cannot guarantee: Wiro's Task/Detail does not report a run's model, so Detail, Cancel and
 * Kill reach any run of the Wiro project whose tasktoken the caller holds (not only runs of the
 * allowlisted models). Tasktokens are unguessable; use one Wiro project per app to rule this out.
 *
 * Why a sibling of `createAgentProxy` rather than an option of it: a model run spends money on any
 * allowlisted model, so it is mounted deliberately, never enabled by widening an agent proxy; its
 * access check sees different things (model and inputs, not sessions), so each `authorize` is typed
 * for what it decides on; and an app that only runs models needs no agent. `createAgentApi` sends
 * agent calls to `…/UserAgent/Message/*` and runs to `…/Run/*` and `…/Task/*` under one `baseUrl`,
 * so the two handlers sit side by side under one path (see the README).
 *
 * @example
 * // lib/wiro-tasks.ts
 * export const taskProxy = createTaskProxy({
 *   apiKey: process.env.WIRO_API_KEY!, apiSecret: process.env.WIRO_API_SECRET,
 *   models: ['wiro/flux-dev'],
 *   authorize: async (req, { model }) => (await getUser(req)) !== null,
 * });
 * // app/api/wiro/Run/[owner]/[model]/route.ts and app/api/wiro/Task/[action]/route.ts (Next.js):
 * export { taskProxy as POST } from '@/lib/wiro-tasks';
 */
export function createTaskProxy(options: TaskProxyOptions): FetchHandler {
  const allow = new Set(options.allow ?? TASK_ENDPOINTS);
  for (const name of allow) {
    if (!TASK_ENDPOINTS.includes(name))
      throw new TypeError(`createTaskProxy: unknown endpoint in allow: ${String(name)}`);
  }
  const problems: string[] = [];
  credentialOption(problems, 'apiKey', options.apiKey, true);
  credentialOption(problems, 'apiSecret', options.apiSecret, false);
  const models = new Set<string>();
  if (!Array.isArray(options.models)) {
    problems.push('models must be a list of "owner/model" names');
  } else {
    options.models.forEach((model: unknown, index) => {
      if (isModelName(model)) models.add(model);
      else problems.push(`models[${index}] is not an "owner/model" name`);
    });
  }
  const runtime = createProxyRuntime('createTaskProxy', options, problems);
  const basePath = runtime.basePath;

  function route(request: Request): { endpoint: TaskEndpoint; model: string | null } {
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    const run = RUN_PATH.exec(path);
    const task = TASK_PATH.exec(path);
    const matched = run ?? task;
    if (matched === null || (basePath !== undefined && path !== `${basePath}${matched[0]}`)) {
      throw new ProxyRefusal(404, 'unknown_endpoint', 'No such endpoint.');
    }
    const endpoint: TaskEndpoint = run !== null ? 'Run' : (`Task/${task?.[1] ?? ''}` as TaskEndpoint);
    if (!allow.has(endpoint)) {
      throw new ProxyRefusal(404, 'endpoint_not_allowed', `Endpoint ${endpoint} is not enabled on this proxy.`);
    }
    if (run === null) return { endpoint, model: null };
    let model: string;
    try {
      model = `${decodeURIComponent(run[1] ?? '')}/${decodeURIComponent(run[2] ?? '')}`;
    } catch {
      throw new ProxyRefusal(404, 'model_not_allowed', 'This model may not be run through this proxy.');
    }
    if (!models.has(model)) {
      throw new ProxyRefusal(404, 'model_not_allowed', 'This model may not be run through this proxy.');
    }
    return { endpoint, model };
  }

  async function runAuthorize(request: Request, context: TaskAuthorizeContext): Promise<void> {
    if (options.authorize === undefined) return;
    let verdict: void | boolean;
    try {
      verdict = await options.authorize(request, context);
    } catch (error) {
      runtime.report(error, { endpoint: context.endpoint, stage: 'authorize' });
      throw new ProxyRefusal(500, 'internal_error', 'The request could not be authorised.');
    }
    if (verdict === false) throw new ProxyRefusal(403, 'forbidden', 'Not allowed.');
  }

  async function handle(request: Request, cors: Record<string, string>): Promise<Response> {
    const { endpoint, model } = route(request);
    const { body, files } = await runtime.readBody(request, endpoint, endpoint === 'Run');
    if (endpoint === 'Run' && model !== null) {
      // fromEntries defines own properties: an input named "__proto__" stays an input.
      const inputs: Record<string, unknown> = Object.fromEntries(
        Object.entries(body).filter(([name]) => !SERVER_ONLY_INPUTS.has(name)),
      );
      await runAuthorize(request, {
        endpoint,
        model,
        inputs: Object.freeze({ ...inputs }),
        files: files.map(({ field, file }) => ({ field, name: file.name, type: file.type, size: file.size })),
        tasktoken: null,
      });
      if (options.callbackUrl !== undefined) inputs.callbackUrl = options.callbackUrl;
      const answer = await runtime.forward(endpoint, runPath(model), { fields: inputs, files }, request.signal);
      return runtime.answer(answer.status, answer.body, cors);
    }
    const tasktoken = taskToken(body);
    await runAuthorize(request, { endpoint, model: null, inputs: {}, files: [], tasktoken });
    const answer = await runtime.forward(
      endpoint,
      `/${endpoint}`,
      { fields: { tasktoken }, files: [] },
      request.signal,
    );
    return runtime.answer(answer.status, answer.body, cors);
  }

  return function taskProxy(request: Request): Promise<Response> {
    return runtime.serve(request, handle);
  };
}

/** The one field Task/Detail, Cancel and Kill forward. */
function taskToken(body: Record<string, unknown>): string {
  if (body.taskid !== undefined && body.taskid !== null) {
    throw new ProxyRefusal(
      400,
      'taskid_not_allowed',
      'Look runs up by tasktoken: task ids are sequential, so they are not accepted here.',
    );
  }
  const { tasktoken } = body;
  if (tasktoken === undefined || tasktoken === null) {
    throw new ProxyRefusal(400, 'missing_field', 'Field "tasktoken" is required.');
  }
  if (typeof tasktoken !== 'string' || tasktoken === '') {
    throw new ProxyRefusal(400, 'invalid_field', 'Field "tasktoken" must be a non-empty string.');
  }
  return tasktoken;
}
