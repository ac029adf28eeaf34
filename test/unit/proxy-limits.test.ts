/**
 * `maxResponseBytes`: an upstream answer over the cap is refused with 502 by its declared length or
 * while reading, without ever holding more than the cap (plus a chunk) in memory, and the upstream
 * connection is dropped.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardConsoleAgainst } from '../support/console-guard';
import type { FetchLike } from 'wiro-agent-react/core';
import { createAgentProxy, toNodeHandler } from 'wiro-agent-react/server';

const KEY = 'limits-key-0123456789';
const GUID = 'agent-guid-1';
const MIB = 1024 * 1024;

guardConsoleAgainst(KEY);

function post(endpoint: string): Request {
  return new Request(`http://localhost/api/wiro/UserAgent/Message/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
}

/** An upstream answer of `total` bytes of valid JSON streamed in 64 KiB chunks, counting what was pulled. */
function streamedUpstream(
  total: number,
  declare: boolean,
): { fetch: FetchLike; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  const head = new TextEncoder().encode('{"result":true,"errors":[],"data":"');
  const tail = new TextEncoder().encode('"}');
  const fetch: FetchLike = async () => {
    let sentHead = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sentHead) {
          sentHead = true;
          pulled += head.byteLength;
          controller.enqueue(head);
        } else if (pulled + chunk.byteLength + tail.byteLength <= total) {
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        } else {
          pulled += tail.byteLength;
          controller.enqueue(tail);
          controller.close();
        }
      },
      cancel() {
        cancelled = true;
      },
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (declare) headers['content-length'] = String(total);
    return new Response(body, { status: 200, headers });
  };
  return { fetch, pulled: () => pulled, cancelled: () => cancelled };
}

async function expect502TooLarge(response: Response, limit: number): Promise<void> {
  expect(response.status).toBe(502);
  const body = (await response.json()) as { result: boolean; errors: { code: string; message: string }[] };
  expect(body.result).toBe(false);
  expect(body.errors[0]?.code).toBe('upstream_too_large');
  expect(body.errors[0]?.message).toContain(String(limit));
}

describe('createAgentProxy — maxResponseBytes', () => {
  it('refuses an answer whose content-length exceeds the cap without reading it', async () => {
    const upstream = streamedUpstream(256 * MIB, true);
    const handle = createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: upstream.fetch, maxResponseBytes: MIB });
    await expect502TooLarge(await handle(post('Sessions')), MIB);
    expect(upstream.pulled()).toBeLessThanOrEqual(64 * 1024);
    expect(upstream.cancelled()).toBe(true);
  });

  it('stops reading an undeclared (chunked) answer as soon as it passes the cap', async () => {
    const upstream = streamedUpstream(256 * MIB, false);
    const handle = createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: upstream.fetch, maxResponseBytes: MIB });
    await expect502TooLarge(await handle(post('History')), MIB);
    expect(upstream.pulled()).toBeLessThanOrEqual(MIB + 2 * 64 * 1024);
    expect(upstream.cancelled()).toBe(true);
  });

  it('caps at 8 MiB by default and relays answers under the cap whole', async () => {
    const big = streamedUpstream(9 * MIB, false);
    const capped = createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: big.fetch });
    await expect502TooLarge(await capped(post('Sessions')), 8 * MIB);
    expect(big.pulled()).toBeLessThan(9 * MIB);

    const fits = streamedUpstream(7 * MIB, true);
    const relayed = await createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: fits.fetch })(post('Sessions'));
    expect(relayed.status).toBe(200);
    expect(((await relayed.json()) as { data: string }).data.length).toBeGreaterThan(6 * MIB);
  });
});

describe('createAgentProxy — maxResponseBytes over node:http on 127.0.0.1', () => {
  let servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
    servers = [];
  });

  function listen(server: Server): Promise<string> {
    servers.push(server);
    return new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });
  }

  it('drops a 256 MiB streamed upstream answer early, with bounded bytes read and memory', async () => {
    const total = 256 * MIB;
    let written = 0;
    let upstreamClosedEarly = false;
    const upstream = createServer((req: IncomingMessage, res) => {
      req.resume();
      res.setHeader('content-type', 'application/json');
      const chunk = Buffer.alloc(256 * 1024, 0x78);
      res.write('{"result":true,"data":"');
      const pump = (): void => {
        while (written < total) {
          written += chunk.byteLength;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('"}');
      };
      res.once('close', () => {
        if (written < total) upstreamClosedEarly = true;
      });
      pump();
    });
    const upstreamUrl = await listen(upstream);
    const proxy = createServer(
      toNodeHandler(
        createAgentProxy({ apiKey: KEY, useragentguid: GUID, upstream: upstreamUrl, maxResponseBytes: 2 * MIB }),
      ),
    );
    const proxyUrl = await listen(proxy);

    globalThis.gc?.();
    const before = process.memoryUsage();
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${proxyUrl}/UserAgent/Message/Sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end('{}');
    });
    const after = process.memoryUsage();

    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.text)).toMatchObject({ errors: [{ code: 'upstream_too_large' }] });
    await expect.poll(() => upstreamClosedEarly).toBe(true);
    // Socket buffers on both sides hold a few MiB at most; the body itself was never read past the cap.
    expect(written).toBeLessThan(32 * MIB);
    const grown = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    expect(grown).toBeLessThan(64 * MIB);
  });
});
