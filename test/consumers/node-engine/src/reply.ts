// reply.ts: follow one reply from a Node script, print it when it is done, and exit.
import { createAgentSocket } from 'wiro-agent-react/core';
import WebSocket from 'ws'; // Node 20 has no global WebSocket; browsers and Node 22 do

const agenttoken = process.argv[2] ?? ''; // the token Message/Send returned
const socket = createAgentSocket({
  url: process.env.WIRO_SOCKET_URL, // default wss://socket.wiro.ai/v1
  WebSocket,
  onProtocolError: (e) => console.warn(e.error),
});

const release = socket.subscribe(agenttoken);
const stop = socket.store.subscribe((state) => {
  const stream = state.streams[agenttoken];
  if (!stream?.isDone) return;
  console.log(stream.error ? `${stream.status}: ${stream.error.message}` : stream.answer);
  stop();
  release();
  socket.close(); // nothing keeps the process alive after this
});
