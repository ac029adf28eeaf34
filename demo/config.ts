/**
 * What the demo page is told about its servers. Browser-safe by construction: URLs and the agent GUID
 * only. The API key and secret never leave the Node process (demo/start.ts).
 */
export interface DemoConfig {
  /** `mock`: the embedded mock agent; `live`: Wiro itself, through the proxy. */
  mode: 'mock' | 'live';
  /** The server-side proxy's base URL, for `createAgentApi({ baseUrl })`. */
  apiBaseUrl: string;
  /** The agent WebSocket. */
  socketUrl: string;
  /** The agent instance the proxy serves (also the chat's history and storage key). */
  useragentguid: string;
  /**
   * The demo user's namespace of conversations: the proxy's `authorize` binds every call to it (a real
   * app takes the user from its own session cookie), so every session key the page uses starts with it.
   */
  sessionPrefix: string;
  /** The models of the "Run a model" page (`?run`), which the proxy's `createTaskProxy` allows; `null` when none are set. */
  models: { image: string; llm: string } | null;
}
