/**
 * Seeding the mock agent with a long conversation (`?turns=N`), through the mock server's public
 * methods only: the messages are stored as a user would have sent them, and have finished before the
 * page reads the history.
 */
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { seededTurn } from './long-thread';

/** The most turns one session can be seeded with. */
export const MAX_SEEDED_TURNS = 20_000;

/** What to seed: the session and how many turns it should hold. */
export interface SeedRequest {
  useragentguid: string;
  sessionkey: string;
  turns: number;
}

/**
 * Makes the mock agent serve requests to seed sessions. Seeding a session is idempotent (a session
 * already holding `turns` turns is left alone) and one request at a time per session (StrictMode asks twice).
 */
export function createSeeder(mock: MockAgentServer): (request: SeedRequest) => Promise<number> {
  const running = new Map<string, Promise<number>>();
  return (request) => {
    const key = JSON.stringify([request.useragentguid, request.sessionkey]);
    const previous = running.get(key) ?? Promise.resolve(0);
    const next = previous.then(() => seed(mock, request));
    running.set(key, next);
    return next;
  };
}

/** Store the missing turns, then wait until every reply has ended. Resolves to the number of turns stored. */
async function seed(mock: MockAgentServer, { useragentguid, sessionkey, turns }: SeedRequest): Promise<number> {
  const wanted = Math.max(0, Math.min(MAX_SEEDED_TURNS, Math.floor(turns)));
  const have = storedTurns(mock, useragentguid, sessionkey);
  const made: { messageguid: string }[] = [];
  for (let i = have; i < wanted; i++) {
    const turn = seededTurn(i);
    made.push(
      mock.createMessage(
        // Finished at once: one output frame with the whole text, no queueing.
        { text: turn.answer, thinking: turn.thinking, queueMs: 0, intervalMs: 0, chunkChars: 1_000_000 },
        { useragentguid, sessionkey, content: turn.question },
      ),
    );
  }
  // A reply still running would be followed live by the page: wait until every one has ended.
  let open = made;
  while (open.length > 0) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    open = open.filter((m) => mock.backend.getMessage(m)?.status !== 'agent_end');
  }
  return Math.max(have, wanted);
}

function storedTurns(mock: MockAgentServer, useragentguid: string, sessionkey: string): number {
  const listed = mock.backend.sessions({ useragentguid });
  if (!listed.result) return 0;
  const session = listed.data.sessions.find((s) => s.sessionkey === sessionkey);
  return session ? Number(session.messagecount) : 0;
}
