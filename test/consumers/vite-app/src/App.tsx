// The test page around the README's components: `?socket=` points them at the mock agent's socket;
// with `?token=`, it shows that one reply through the composed components and the hooks instead of the chat.
import { AgentSocketProvider } from 'wiro-agent-react';
import { Chat } from './Chat.tsx';
import { Conversation } from './Conversation.tsx';
import { Badge, Offline, Reply } from './Hooks.tsx';

const params = new URLSearchParams(window.location.search);

export default function App() {
  const socketUrl = params.get('socket') ?? undefined;
  const token = params.get('token');
  if (!token) {
    return (
      <AgentSocketProvider url={socketUrl}>
        <Chat userId="42" />
      </AgentSocketProvider>
    );
  }
  return (
    <>
      <section aria-label="Composed">
        <Conversation agenttokens={[token]} socketUrl={socketUrl} />
      </section>
      <section aria-label="Hooks">
        <AgentSocketProvider url={socketUrl}>
          <Offline />
          <Badge token={token} />
          <Reply token={token} />
        </AgentSocketProvider>
      </section>
    </>
  );
}
