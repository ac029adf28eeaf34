// A server component: the engine's pure functions run here (no 'use client' in wiro-agent-react/core),
// and the client chat renders under a provider pointed at the socket named by WIRO_SOCKET_URL.
import { connection } from 'next/server';
import { AgentSocketProvider } from 'wiro-agent-react';
import { splitThinking } from 'wiro-agent-react/core';
import { Chat } from './Chat';

export default async function Page() {
  await connection(); // read the environment per request, not at build time
  const greeting = splitThinking('<think>Greet the visitor.</think>Ask me anything.');
  return (
    <main>
      <p data-testid="server-split" data-thinking={greeting.thinking.join(' ')}>
        {greeting.answer.join('')}
      </p>
      <AgentSocketProvider url={process.env.WIRO_SOCKET_URL}>
        <Chat userId="42" />
      </AgentSocketProvider>
    </main>
  );
}
