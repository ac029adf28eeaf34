/**
 * Type-checked only (never run): every entry this project imports is typed under `nodenext`, not `any`.
 * With an untyped entry, each `@ts-expect-error` below goes unused and `tsc` fails.
 */
import { createAgentApi, createAgentSocket, splitThinking } from 'wiro-agent-react/core';
import { createAgentProxy, toNodeHandler } from 'wiro-agent-react/server';
import { startMockAgentServer } from 'wiro-agent-react/testing/node';

export async function misuses(): Promise<void> {
  // @ts-expect-error apiKey is a string
  createAgentProxy({ apiKey: 1, useragentguid: 'agent' });
  // @ts-expect-error toNodeHandler takes a fetch handler
  toNodeHandler('not a handler');
  // @ts-expect-error port is a number
  await startMockAgentServer({ port: '3000' });
  // @ts-expect-error url is a string
  createAgentSocket({ url: 42 });
  // @ts-expect-error baseUrl is a string
  createAgentApi({ baseUrl: false });
  // @ts-expect-error splitThinking takes the raw text
  splitThinking(7);

  const server = await startMockAgentServer();
  const url: string = server.url;
  // @ts-expect-error the server's url is a string, not a number
  const port: number = server.url;
  console.log(url, port);
  await server.close();
}
