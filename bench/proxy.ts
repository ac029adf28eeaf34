/**
 * Proxy benchmark: what `createAgentProxy` costs per forwarded call, and how much memory a huge
 * upstream answer costs it.
 *
 * 1. Overhead per call. The upstream is an in-process fetch function answering a fixed body, so no
 *    network noise: the baseline is that same fetch plus reading its text (what calling Wiro directly
 *    costs minus the network); the proxy row is the full handler (body read and checks, signing,
 *    upstream call, response read, scrub, re-serialisation). Two bodies: a Send answer (small) and a
 *    History page of 50 long messages (about 530 KB). With a secret, signing (HMAC-SHA256 through Web
 *    Crypto) is part of the cost; without, only the key header is set.
 * 2. Peak memory for a 256 MiB upstream answer, in a child process of its own so earlier work does
 *    not count: the max RSS the child reached while the proxy handled it, over the RSS it had before,
 *    and how many upstream bytes the proxy pulled before it answered. Twice: with a declared
 *    `content-length`, and streamed without one (so the cap must be enforced while reading).
 *
 * Honesty checks: every timed call must answer 200 with the expected body size, so a proxy that
 * refused (and so skipped the work) cannot look fast.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FetchLike } from 'wiro-agent-react/core';
import { createAgentProxy } from 'wiro-agent-react/server';

const KEY = 'bench-key-0123456789abcdef';
const SECRET = 'bench-secret-fedcba9876543210';
const GUID = 'bench-agent';

/** One workload's per-call figures. */
export interface ProxyOverheadRow {
  workload: string;
  /** Upstream answer size in bytes. */
  bytes: number;
  /** Median µs per call: upstream fetch + text, no proxy. */
  baselineUs: number;
  /** Median µs per call through the proxy. */
  proxyUs: number;
  /** `proxyUs - baselineUs`. */
  overheadUs: number;
}

/** The 256 MiB run's figures. */
export interface ProxyMemoryResult {
  /** Whether the upstream declared its length (`content-length`) or streamed it chunked. */
  mode: 'declared' | 'chunked';
  status: number;
  /** Upstream bytes the proxy read before answering. */
  pulledBytes: number;
  /** Max RSS during the run minus RSS before it, MiB. */
  peakRssMiB: number;
  ms: number;
}

function sendBody(): string {
  return JSON.stringify({ result: true, errors: [], messageguid: 'm-1', agenttoken: 'tok-1', status: 'agent_queue' });
}

function historyBody(): string {
  const reply = 'A fairly long agent reply with **markdown**, a list and some code. '.repeat(40);
  const messages = Array.from({ length: 50 }, (_, i) => ({
    guid: `m-${i}`,
    content: `question ${i}`,
    response: reply,
    debugoutput: reply,
    status: 'agent_end',
    metadata: { type: 'progressGenerate', raw: reply, answer: [reply], thinking: [], isThinking: false },
    attachments: [],
    deletestatus: 0,
    createdat: String(1743350400 + i),
  }));
  return JSON.stringify({ result: true, errors: [], data: { messages, count: 50, hasmore: true } });
}

function fixedUpstream(text: string): FetchLike {
  return async () => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timePerCall(calls: number, once: () => Promise<void>): Promise<number> {
  for (let i = 0; i < Math.min(200, calls); i++) await once();
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) await once();
    runs.push(((performance.now() - start) * 1000) / calls);
  }
  return median(runs);
}

async function overheadRow(
  workload: string,
  endpoint: string,
  body: unknown,
  text: string,
  secret: string | undefined,
): Promise<ProxyOverheadRow> {
  const fetch = fixedUpstream(text);
  const proxy = createAgentProxy({ apiKey: KEY, apiSecret: secret, useragentguid: GUID, fetch });
  const calls = text.length > 10_000 ? 300 : 2000;
  const baselineUs = await timePerCall(calls, async () => {
    const response = await fetch('https://wiro.test/v1/UserAgent/Message/X', { method: 'POST', body: '{}' });
    if ((await response.text()).length !== text.length) throw new Error('baseline read a wrong body');
  });
  const request = (): Request =>
    new Request(`http://localhost/api/wiro/UserAgent/Message/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const proxyUs = await timePerCall(calls, async () => {
    const response = await proxy(request());
    const answer = await response.text();
    if (response.status !== 200 || answer.length < text.length * 0.9) {
      throw new Error(`proxy answered ${response.status} (${answer.slice(0, 120)})`);
    }
  });
  return { workload, bytes: text.length, baselineUs, proxyUs, overheadUs: proxyUs - baselineUs };
}

/** Child side of the memory run: one 256 MiB upstream answer through the proxy. */
async function memoryChild(mode: 'declared' | 'chunked'): Promise<void> {
  const total = 256 * 1024 * 1024;
  const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
  let pulled = 0;
  const fetch: FetchLike = async () => {
    const head = new TextEncoder().encode('{"result":true,"errors":[],"data":"');
    const tail = new TextEncoder().encode('"}');
    let sentHead = false;
    const bodyBytes = head.byteLength + total + tail.byteLength;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sentHead) {
          sentHead = true;
          pulled += head.byteLength;
          controller.enqueue(head);
        } else if (pulled < bodyBytes - tail.byteLength) {
          pulled += chunk.byteLength;
          // A fresh buffer per chunk, as a network body gives: retained chunks cost real memory.
          controller.enqueue(chunk.slice());
        } else {
          pulled += tail.byteLength;
          controller.enqueue(tail);
          controller.close();
        }
      },
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (mode === 'declared') headers['content-length'] = String(bodyBytes);
    return new Response(stream, { status: 200, headers });
  };
  const proxy = createAgentProxy({ apiKey: KEY, apiSecret: SECRET, useragentguid: GUID, fetch });
  const request = new Request('http://localhost/api/wiro/UserAgent/Message/Sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const response = await proxy(request);
  // Drain what the proxy answers, as a server writing it out would.
  const reader = response.body?.getReader();
  if (reader) for (;;) if ((await reader.read()).done) break;
  const ms = performance.now() - start;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const result: ProxyMemoryResult = {
    mode,
    status: response.status,
    pulledBytes: pulled,
    peakRssMiB: Math.max(0, maxRss - rssBefore) / (1024 * 1024),
    ms,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runMemoryChild(mode: 'declared' | 'chunked'): Promise<ProxyMemoryResult> {
  const file = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file, '--memory-child', mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') reject(new Error(`memory child exited with ${code}: ${out}`));
      else resolve(JSON.parse(line) as ProxyMemoryResult);
    });
  });
}

/** Runs both parts and prints their tables. */
export async function runProxyBench(): Promise<{ overhead: ProxyOverheadRow[]; memory: ProxyMemoryResult[] }> {
  const send = sendBody();
  const history = historyBody();
  const overhead = [
    await overheadRow('Send, key only', 'Send', { message: 'Hello' }, send, undefined),
    await overheadRow('Send, signed', 'Send', { message: 'Hello' }, send, SECRET),
    await overheadRow('History 50 msgs, signed', 'History', { sessionkey: 's', limit: 50 }, history, SECRET),
  ];
  console.table(
    overhead.map((row) => ({
      workload: row.workload,
      'upstream KB': (row.bytes / 1024).toFixed(1),
      'baseline µs': row.baselineUs.toFixed(1),
      'proxy µs': row.proxyUs.toFixed(1),
      'overhead µs': row.overheadUs.toFixed(1),
    })),
  );
  const memory = [await runMemoryChild('declared'), await runMemoryChild('chunked')];
  console.table(
    memory.map((run) => ({
      run: `256 MiB upstream answer, ${run.mode}`,
      status: run.status,
      'pulled MiB': (run.pulledBytes / (1024 * 1024)).toFixed(1),
      'peak RSS MiB': run.peakRssMiB.toFixed(0),
      ms: run.ms.toFixed(0),
    })),
  );
  return { overhead, memory };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const child = process.argv.indexOf('--memory-child');
  const job =
    child >= 0 ? memoryChild(process.argv[child + 1] === 'chunked' ? 'chunked' : 'declared') : runProxyBench();
  job.catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
