// Chat.tsx: a complete chat with one agent, as a client component.
'use client';
import { useMemo } from 'react';
import { AgentChat, createAgentApi } from 'wiro-agent-react';
import 'wiro-agent-react/styles.css';

export function Chat({ userId }: { userId: string }) {
  // Your own server route holding the API key (see "Keep the API key on your server").
  const api = useMemo(() => createAgentApi({ baseUrl: '/api/wiro' }), []);
  return (
    <div style={{ height: 600 }}>
      <AgentChat api={api} useragentguid="YOUR-AGENT-GUID" sessionkey={`user-${userId}`} title="Support" />
    </div>
  );
}
