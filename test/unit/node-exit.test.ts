/**
 * A Node script that streams one reply and calls `socket.close()` exits by itself right away: no timer of
 * the kit (eviction, idle close, welcome, retry) may keep the process alive after `close()`. It used to
 * exit 60 s late, held by the eviction timer.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';

let server: MockAgentServer;
beforeEach(async () => {
  server = await startMockAgentServer();
});
afterEach(async () => {
  await server.close();
});

const script = fileURLToPath(new URL('../fixtures/node/stream-one-reply.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

it('a script that streams one reply exits as soon as it closes the socket', async () => {
  const text = 'One reply, then the script is done.';
  const { agenttoken } = server.createMessage({ text, intervalMs: 2, queueMs: 2 });
  const child = spawn(process.execPath, ['--import', 'tsx', script, server.url, agenttoken], { cwd: root });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // Wall time from close() to exit; the 60 s bug and a 10 s idle timer both fail this by far.
  const exitedAt = await new Promise<number>((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill();
      reject(new Error(`the script did not exit 20 s after starting (stdout: ${out}, stderr: ${err})`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      if (code === 0) resolve(Date.now());
      else reject(new Error(`exit code ${code}: ${err}`));
    });
  });
  const result = JSON.parse(out.trim()) as { answer: string; closedAt: number };
  expect(result.answer).toBe(text);
  expect(exitedAt - result.closedAt).toBeLessThan(2000);
});
