/**
 * The REST client's model-run methods against a fake Wiro (an injected fetch function): what is sent
 * (paths, signing, JSON or multipart), what comes back (typed, string numbers parsed), and failures
 * as `WiroApiError`s.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAgentApi, isWiroApiError, type FetchLike, type WiroApiError } from 'wiro-agent-react/core';
import { parseTaskOutputs, parseTaskRecord } from '../../src/api/task-normalize';

const BASE = 'https://api.wiro.test/v1';
const KEY = 'task-key-AAAA1111';
const SECRET = 'task-secret-BBBB2222';

interface Seen {
  url: string;
  headers: Headers;
  json: Record<string, unknown> | null;
  form: FormData | null;
}

function fakeWiro(answer: (path: string) => Response): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request = new Request(url, init);
    const isForm = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data');
    seen.push({
      url,
      headers: request.headers,
      json: isForm ? null : ((await request.json()) as Record<string, unknown>),
      form: isForm ? await request.formData() : null,
    });
    return answer(new URL(url).pathname.replace('/v1', ''));
  };
  return { fetch, seen };
}

const ok = (body: Record<string, unknown>): Response => Response.json({ result: true, errors: [], ...body });

/** Task/Detail's documented answer for a finished LLM run, numbers as strings. */
const LLM_DETAIL = {
  total: '1',
  tasklist: [
    {
      id: '534574',
      socketaccesstoken: 'eDcCm5yyUfIvMFspTwww49OUfgXkQt',
      parameters: { prompt: 'What is quantum computing?' },
      status: 'task_postprocess_end',
      pexit: '0',
      debugoutput: 'Quantum computing uses qubits...',
      starttime: '1743350400',
      endtime: '1743350412',
      elapsedseconds: '12.4',
      totalcost: '0.0025',
      outputs: [
        {
          contenttype: 'raw',
          content: { prompt: 'What is quantum computing?', raw: 'Quantum…', thinking: [], answer: ['Quantum…'] },
        },
      ],
    },
  ],
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createAgentApi — run', () => {
  it('posts JSON inputs (URL inputs included) to /Run/{owner}/{model}, signed, and returns ids', async () => {
    const wiro = fakeWiro(() => ok({ taskid: 534574, socketaccesstoken: 'tok-task-1' }));
    const api = createAgentApi({ baseUrl: BASE, apiKey: KEY, apiSecret: SECRET, fetch: wiro.fetch });
    const result = await api.run(
      'wiro/flux-dev',
      { prompt: 'a lighthouse', steps: 30, inputImageUrl: 'https://cdn.test/a.png', tags: ['a'] },
      { callbackUrl: 'https://my.app/hook' },
    );
    expect(result).toEqual({ taskid: '534574', tasktoken: 'tok-task-1' });
    const [call] = wiro.seen;
    expect(call?.url).toBe(`${BASE}/Run/wiro/flux-dev`);
    expect(call?.json).toEqual({
      prompt: 'a lighthouse',
      steps: 30,
      inputImageUrl: 'https://cdn.test/a.png',
      tags: ['a'],
      callbackUrl: 'https://my.app/hook',
    });
    const nonce = call?.headers.get('x-nonce') ?? '';
    expect(call?.headers.get('x-api-key')).toBe(KEY);
    expect(call?.headers.get('x-signature')).toBe(
      createHmac('sha256', KEY)
        .update(SECRET + nonce)
        .digest('hex'),
    );
  });

  it('switches to multipart with files: one part per file under its parameter id, other inputs as text', async () => {
    const wiro = fakeWiro(() => ok({ taskid: '7', socketaccesstoken: 'tok-7' }));
    const api = createAgentApi({ baseUrl: BASE, fetch: wiro.fetch });
    await api.run(
      'owner/upscaler',
      { scale: 2, mode: 'fast', face: true },
      {
        files: {
          inputImage: new File(['PNG1'], 'a.png', { type: 'image/png' }),
          masks: [new File(['m1'], 'm1.png'), new Blob(['m2'])],
        },
      },
    );
    const form = wiro.seen[0]?.form;
    expect(form?.get('scale')).toBe('2');
    expect(form?.get('mode')).toBe('fast');
    expect(form?.get('face')).toBe('true');
    const image = form?.get('inputImage') as File;
    expect(image.name).toBe('a.png');
    expect(await image.text()).toBe('PNG1');
    expect((form?.getAll('masks') as File[]).map((f) => f.name)).toEqual(['m1.png', 'attachment']);
  });

  it('URL-encodes the model path and refuses malformed models and inputs before any request', async () => {
    const wiro = fakeWiro(() => ok({ taskid: '1', socketaccesstoken: 't' }));
    const api = createAgentApi({ baseUrl: BASE, fetch: wiro.fetch });
    await api.run('ow%ner/mo?del', {});
    expect(wiro.seen[0]?.url).toBe(`${BASE}/Run/ow%25ner/mo%3Fdel`);
    for (const model of ['flux', 'a/b/c', '/b', 'a/', 'a b/c', '']) {
      await expect(api.run(model, {})).rejects.toThrow(TypeError);
    }
    await expect(api.run('a/b', null as unknown as Record<string, string>)).rejects.toThrow(/inputs/);
    await expect(api.run('a/b', {}, { files: { img: 'not a file' as unknown as Blob } })).rejects.toThrow(/files\.img/);
    expect(wiro.seen).toHaveLength(1);
  });

  it('rejects with WiroApiError: bad_response without ids, api on result:false, http on a 4xx, key scrubbed', async () => {
    const noIds = createAgentApi({ baseUrl: BASE, fetch: fakeWiro(() => ok({ taskid: '1' })).fetch });
    expect(await rejection(noIds.run('a/b', {}))).toMatchObject({ code: 'bad_response', endpoint: 'Run' });

    const refused = createAgentApi({
      baseUrl: BASE,
      apiKey: KEY,
      fetch: fakeWiro(() => Response.json({ result: false, errors: [{ code: 1, message: `no credit for ${KEY}` }] }))
        .fetch,
    });
    const error = await rejection(refused.run('a/b', {}));
    expect(isWiroApiError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'api', endpoint: 'Run', status: 200 });
    expect((error as WiroApiError).message).not.toContain(KEY);

    const unauthorised = createAgentApi({
      baseUrl: BASE,
      fetch: fakeWiro(() => Response.json({ result: false, errors: ['Unauthorized'] }, { status: 401 })).fetch,
    });
    expect(await rejection(unauthorised.run('a/b', {}))).toMatchObject({ code: 'http', endpoint: 'Run', status: 401 });
  });
});

describe('createAgentApi — taskDetail, cancelTask, killTask', () => {
  it('reads a run by tasktoken, typed, with the numbers Wiro sends as strings parsed', async () => {
    const wiro = fakeWiro(() => ok(LLM_DETAIL));
    const api = createAgentApi({ baseUrl: BASE, fetch: wiro.fetch });
    const task = await api.taskDetail({ tasktoken: 'eDcCm5yyUfIvMFspTwww49OUfgXkQt' });
    expect(wiro.seen[0]?.url).toBe(`${BASE}/Task/Detail`);
    expect(wiro.seen[0]?.json).toEqual({ tasktoken: 'eDcCm5yyUfIvMFspTwww49OUfgXkQt' });
    expect(task).toEqual({
      taskid: '534574',
      tasktoken: 'eDcCm5yyUfIvMFspTwww49OUfgXkQt',
      status: 'task_postprocess_end',
      pexit: 0,
      parameters: { prompt: 'What is quantum computing?' },
      debugoutput: 'Quantum computing uses qubits...',
      starttime: 1743350400,
      endtime: 1743350412,
      elapsedseconds: 12.4,
      totalcost: 0.0025,
      outputs: [
        {
          kind: 'raw',
          contenttype: 'raw',
          content: { prompt: 'What is quantum computing?', raw: 'Quantum…', thinking: [], answer: ['Quantum…'] },
        },
      ],
    });
  });

  it('reads a run by taskid (a number is sent as a string), and refuses an empty tasklist', async () => {
    const wiro = fakeWiro(() => ok({ total: '0', tasklist: [] }));
    const api = createAgentApi({ baseUrl: BASE, fetch: wiro.fetch });
    expect(await rejection(api.taskDetail({ taskid: 534574 }))).toMatchObject({
      code: 'bad_response',
      endpoint: 'Task/Detail',
    });
    expect(wiro.seen[0]?.json).toEqual({ taskid: '534574' });
    await expect(api.taskDetail({} as { tasktoken: string })).rejects.toThrow(TypeError);
  });

  it('cancels (queued) and kills (running) by tasktoken, and reports a refusal as WiroApiError', async () => {
    const wiro = fakeWiro((path) =>
      path === '/Task/Kill' ? Response.json({ result: false, errors: [{ message: 'task is not running' }] }) : ok({}),
    );
    const api = createAgentApi({ baseUrl: BASE, fetch: wiro.fetch });
    await api.cancelTask('tok-1');
    expect(await rejection(api.killTask('tok-1'))).toMatchObject({
      code: 'api',
      endpoint: 'Task/Kill',
      errors: [{ message: 'task is not running' }],
    });
    expect(wiro.seen.map((s) => [new URL(s.url).pathname, s.json])).toEqual([
      ['/v1/Task/Cancel', { tasktoken: 'tok-1' }],
      ['/v1/Task/Kill', { tasktoken: 'tok-1' }],
    ]);
    await expect(api.cancelTask('')).rejects.toThrow(/tasktoken/);
  });
});

describe('task normalisers', () => {
  it('keeps file outputs with a url (size parsed) and raw outputs with content, from arrays or JSON strings', () => {
    expect(
      parseTaskOutputs(
        JSON.stringify([
          { name: 'a.png', contenttype: 'image/png', size: '2048', url: 'https://cdn.test/a.png' },
          { name: 'no-url.png', contenttype: 'image/png' },
          { contenttype: 'raw', content: JSON.stringify({ raw: 'hi', answer: ['hi'], thinking: 'bad' }) },
          { contenttype: 'raw' },
          'junk',
        ]),
      ),
    ).toEqual([
      { kind: 'file', name: 'a.png', contenttype: 'image/png', size: 2048, url: 'https://cdn.test/a.png' },
      { kind: 'raw', contenttype: 'raw', content: { prompt: '', raw: 'hi', thinking: [], answer: ['hi'] } },
    ]);
  });

  it('reads a queued run: no exit code or times yet, parameters from a JSON string', () => {
    expect(
      parseTaskRecord({
        id: 9,
        status: 'task_queue',
        pexit: '',
        starttime: '0',
        endtime: '',
        parameters: '{"prompt":"x"}',
        totalcost: '0',
      }),
    ).toEqual({
      taskid: '9',
      tasktoken: '',
      status: 'task_queue',
      pexit: null,
      parameters: { prompt: 'x' },
      debugoutput: '',
      starttime: null,
      endtime: null,
      elapsedseconds: null,
      totalcost: 0,
      outputs: [],
    });
    expect(parseTaskRecord({ status: 'task_queue' })).toBeNull();
  });
});
