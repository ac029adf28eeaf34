// The README's Node snippet (src/reply.ts, compiled to dist/) against the mock agent server, in a
// project without React: it prints the reply and the process exits right after closing its socket.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { startMockAgentServer } from 'wiro-agent-react/testing/node';

test('React is not installed here, so the engine below runs without it', () => {
  assert.throws(() => import.meta.resolve('react'), /Cannot find package 'react'/);
});

test('the Node snippet streams one reply, prints it and exits within 2 s of close()', async () => {
  const server = await startMockAgentServer();
  try {
    const text = 'Hello from the engine: **no React** needed.';
    const { agenttoken } = server.createMessage({ thinking: 'A short one.', text, chunkChars: 5, intervalMs: 10 });
    const child = spawn(process.execPath, ['dist/reply.js', agenttoken], {
      env: { ...process.env, WIRO_SOCKET_URL: server.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    let printedAt = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      printedAt ||= performance.now();
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    const exitedAt = performance.now();
    assert.equal(code, 0);
    assert.equal(stdout, `${text}\n`);
    const lingered = exitedAt - printedAt;
    console.log(`exited ${lingered.toFixed(0)} ms after printing the reply (and closing its socket)`);
    assert.ok(lingered < 2000, `the process lingered ${lingered} ms after close()`);
  } finally {
    await server.close();
  }
});
