// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  AgentSessionList,
  AttachmentPreviews,
  ChatLayout,
  MessageAttachments,
  RelativeTime,
  useAgentSessions,
  type SessionsApi,
} from 'wiro-agent-react';

describe('conversation pieces on the server', () => {
  it('render without a DOM, load nothing, and leave relative times to the browser', () => {
    expect(typeof window).toBe('undefined');
    const calls: string[] = [];
    const api: SessionsApi = {
      sessions: async () => {
        calls.push('sessions');
        return [];
      },
      deleteSession: async () => {
        calls.push('deleteSession');
      },
    };
    function Sidebar() {
      const list = useAgentSessions({ api, useragentguid: 'agent' });
      return <AgentSessionList sessions={list.sessions} isLoading={list.isLoading} error={list.error} />;
    }
    const html = renderToString(
      <ChatLayout sidebar={<Sidebar />}>
        <AgentSessionList
          sessions={[{ sessionkey: 'a', messagecount: 2, updatedat: 1_764_672_000, lastmessage: 'Hello' }]}
          selected="a"
        />
        <RelativeTime timestamp={Date.now() - 60_000} />
        <AttachmentPreviews files={[new File(['x'], 'a.png', { type: 'image/png' })]} />
        <MessageAttachments
          attachments={[{ name: 'b.png', type: 'image/png', size: 1, url: 'https://cdn.test/b.png' }]}
        />
      </ChatLayout>,
    );
    expect(calls).toEqual([]);
    expect(html).toContain('Loading conversations…');
    expect(html).toContain('aria-current="true"');
    // The server's "now" is not the reader's: times are filled in after hydration.
    expect(html).toMatch(/<time class="wiro-time" dateTime="[^"]+" title="[^"]+"><\/time>/);
    // No object URL on the server: the thumbnail gets its source in the browser.
    expect(html).toMatch(/<img class="wiro-attachment-thumb" alt="" decoding="async"\/>/);
    expect(html).toContain('src="https://cdn.test/b.png"');
  });
});
