/**
 * The mock agent server in a child process, driven over stdin/stdout (one JSON command per line), so
 * the fault tests measure the heap of the client alone: a server in the same process would hold its
 * own per-connection state and buffers in the same heap.
 *
 * Run by {@link ./remote-server.ts} as `node --import tsx test/faults/server-process.ts '<options JSON>'`.
 */
import { createInterface } from 'node:readline';
import { startMockAgentServer, type MockAgentServerOptions } from 'wiro-agent-react/testing/node';

interface Command {
  id: number;
  method: 'createMessage' | 'flood' | 'sendStrangers' | 'acceptedConnections' | 'close';
  args: unknown[];
}

const options = JSON.parse(process.argv[2] ?? '{}') as MockAgentServerOptions;
const server = await startMockAgentServer({ recordReceived: false, ...options });
process.stdout.write(`${JSON.stringify({ id: 0, result: { url: server.url } })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const { id, method, args } = JSON.parse(line) as Command;
  let result: unknown;
  try {
    switch (method) {
      case 'createMessage':
        result = server.createMessage(args[0] as Parameters<typeof server.createMessage>[0]);
        break;
      case 'flood':
        result = server.flood(args[0] as Parameters<typeof server.flood>[0]);
        break;
      case 'sendStrangers':
        result = await server.sendStrangers(args[0] as number);
        break;
      case 'acceptedConnections':
        result = server.acceptedConnections();
        break;
      case 'close':
        await server.close();
        process.stdout.write(`${JSON.stringify({ id, result: null })}\n`);
        process.exit(0);
    }
    process.stdout.write(`${JSON.stringify({ id, result: result ?? null })}\n`);
  } catch (err) {
    process.stdout.write(`${JSON.stringify({ id, error: err instanceof Error ? err.message : String(err) })}\n`);
  }
}
