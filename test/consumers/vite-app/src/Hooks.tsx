// Hooks.tsx: your own components on the hooks, under an <AgentSocketProvider>.
import { useAgentConnection, useAgentStream } from 'wiro-agent-react';

export function Reply({ token }: { token: string }) {
  const { answer, thinking, isThinking, isStreaming, metrics, error } = useAgentStream(token);
  return (
    <article aria-busy={isStreaming}>
      {isThinking && <p className="thinking">{thinking.at(-1)}</p>}
      <p className="answer">{answer}</p>
      {metrics.speed !== null && <small>{metrics.speed.toFixed(1)} words/s</small>}
      {error && <p role="alert">{error.message}</p>}
    </article>
  );
}

export function Badge({ token }: { token: string }) {
  // With a selector the component re-renders only when the selected value changes:
  // this one stays still while text streams in.
  const status = useAgentStream(token, (s) => s.status);
  return <span className="badge">{status}</span>;
}

export function Offline() {
  const { status, attempt } = useAgentConnection();
  return status === 'reconnecting' ? <p role="status">Reconnecting (attempt {attempt})…</p> : null;
}
