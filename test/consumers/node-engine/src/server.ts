// server.ts: the proxy on Node's http server.
import { createServer } from 'node:http';
import { createAgentProxy, toNodeHandler } from 'wiro-agent-react/server';

const proxy = createAgentProxy({
  apiKey: process.env.WIRO_API_KEY!,
  apiSecret: process.env.WIRO_API_SECRET,
  useragentguid: process.env.WIRO_AGENT_GUID!,
});

// Express: app.use('/api/wiro', toNodeHandler(proxy)), before any body parser.
// Fetch-style servers (Hono, Bun, Deno, Cloudflare Workers) call it directly:
//   app.post('/api/wiro/*', (c) => proxy(c.req.raw));
const handleProxy = toNodeHandler(proxy);

createServer((req, res) => {
  if (req.url?.startsWith('/api/wiro/')) return handleProxy(req, res);
  res.writeHead(404).end();
}).listen(3000);
