// app/api/wiro/[...path]/route.ts: the browser's REST calls, checked and signed with your key here.
import { createAgentProxy } from 'wiro-agent-react/server';
import { getUser } from '@/lib/auth'; // your own session lookup

export const POST = createAgentProxy({
  apiKey: process.env.WIRO_API_KEY!,
  apiSecret: process.env.WIRO_API_SECRET,
  useragentguid: process.env.WIRO_AGENT_GUID!,
  upstream: process.env.WIRO_API_URL, // default https://api.wiro.ai/v1
  // Multi-user apps: bind each visitor to their own session (or return false to refuse).
  authorize: async (request) => {
    const user = await getUser(request);
    return user ? { sessionkey: `user-${user.id}` } : false;
  },
});
