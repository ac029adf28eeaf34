// Conversation.tsx: your own list of replies, one <AgentMessage> per agenttoken, all on one socket.
import { AgentMessage, AgentSocketProvider } from 'wiro-agent-react';

export function Conversation({ agenttokens, socketUrl }: { agenttokens: string[]; socketUrl?: string }) {
  return (
    <AgentSocketProvider url={socketUrl /* default wss://socket.wiro.ai/v1 */}>
      {agenttokens.map((agenttoken) => (
        <AgentMessage key={agenttoken} agenttoken={agenttoken} showMetrics />
      ))}
    </AgentSocketProvider>
  );
}
