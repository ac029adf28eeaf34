/**
 * A realistic ~20 KB agent answer in Markdown (headings, paragraphs with inline markup, bullet and
 * ordered lists with nesting, fenced code in several languages, a table, a quote, a rule), built
 * deterministically so every benchmark run and test sees the same text.
 * @packageDocumentation
 */

const TOPICS = [
  'connection pooling',
  'cache invalidation',
  'rate limiting',
  'background jobs',
  'schema migrations',
  'request tracing',
  'feature flags',
  'graceful shutdown',
];

function section(n: number): string {
  const topic = TOPICS[n % TOPICS.length] ?? 'reliability';
  const title = topic[0]?.toUpperCase() + topic.slice(1);
  return `## ${n + 1}. ${title}

When you design **${topic}** for a service that handles bursts of traffic, start from the failure
modes rather than the happy path. A request that waits on a saturated pool is *worse* than one that
fails fast, because it holds memory and a socket while the client has often given up already. See
the [operations guide](https://example.com/guides/${topic.replace(/ /g, '-')}) for the numbers we
measured, and keep \`timeoutMs\` below the upstream's own deadline.

The short version:

- Measure first: record p50, p95 and p99 latency per endpoint, not just the mean.
- Bound every queue. An unbounded queue turns a brief spike into minutes of backlog.
- Prefer **idempotent** handlers, so a retry after a timeout cannot double-charge a customer.
  - Use an idempotency key stored with a TTL of at least the client's retry window.
  - Return the stored response for a repeated key instead of running the handler again.
- Make the limits configurable at runtime; redeploying to change a number is too slow during an incident.

### Example

\`\`\`ts
import { createPool } from './pool';

export async function withConnection<T>(work: (conn: Connection) => Promise<T>): Promise<T> {
  const pool = createPool({ max: 20, idleTimeoutMs: 30_000, acquireTimeoutMs: 2_000 });
  const conn = await pool.acquire();
  try {
    return await work(conn);
  } finally {
    pool.release(conn); // always release, even when work() throws
  }
}
\`\`\`

The same idea in Python, for the worker side:

\`\`\`python
def process(batch, *, retries=3):
    for item in batch:
        for attempt in range(retries):
            try:
                handle(item)
                break
            except TransientError as err:
                sleep(min(2 ** attempt, 30))
        else:
            dead_letter(item, reason="retries exhausted")
\`\`\`

1. Roll the change out behind a flag to **5%** of traffic.
2. Watch the error budget for one full day; compare with the previous week.
3. Ramp to 25%, 50%, then 100%, pausing whenever p99 moves by more than ~10%.

> Note: ${topic} interacts with autoscaling. If new instances start cold, the first minute of
> traffic sees higher latency, so keep a small warm pool during ramps.

`;
}

const TABLE = `| Setting | Default | Range | Notes |
|---|---:|:---:|---|
| \`max\` | 20 | 1–500 | per instance, not per cluster |
| \`idleTimeoutMs\` | 30000 | ≥ 1000 | close idle connections after this |
| \`acquireTimeoutMs\` | 2000 | 100–10000 | fail fast instead of queueing forever |
| \`retries\` | 3 | 0–10 | with exponential backoff, capped at 30 s |
| \`warmPool\` | 2 | 0–50 | instances kept ready during a ramp |

`;

/** Build the answer: an intro, sections until `targetBytes`, a table, and a closing summary. */
export function markdownFixture(targetBytes = 20 * 1024): string {
  let text = `# Making the service resilient under load

Here is a plan in eight parts. Each part has a short rationale, a checklist, and an example you can
adapt. Code is TypeScript for the API and Python for the workers; ~~everything~~ most of it applies to
other stacks too.

---

`;
  let n = 0;
  while (text.length < targetBytes - TABLE.length - 400) {
    text += section(n);
    if (n === 2) text += TABLE;
    n++;
  }
  text += `## Summary

Bound the queues, time out early, make handlers idempotent, and ramp changes slowly while watching
p99. If you only do one thing this week, add the **acquire timeout**: it turns a silent pile-up into
an error you can see and alert on.
`;
  return text;
}

/** `count` growing prefixes of `text`, evenly spaced, the last one the whole text (replace-not-append events). */
export function streamPrefixes(text: string, count: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push(text.slice(0, Math.round((text.length * i) / count)));
  return out;
}

/**
 * The worst case for block memoization: one very long paragraph, then one very long code block,
 * `targetBytes` in all, so the growing tail is always a single big block.
 */
export function longBlocksFixture(targetBytes = 20 * 1024): string {
  const sentences = [
    'The pool hands out connections in the order callers asked for them, so a slow caller never starves a fast one.',
    'When every connection is busy, a new caller waits at most `acquireTimeoutMs` and then fails with a clear error.',
    'Idle connections are closed after **thirty seconds**, which keeps the database from holding sockets nobody uses.',
    'Retries back off exponentially and are capped, because a retry storm during an outage only makes it longer.',
  ];
  let paragraph = '';
  for (let i = 0; paragraph.length < targetBytes * 0.4; i++) paragraph += `${sentences[i % sentences.length]} `;
  let code = '';
  for (let i = 0; paragraph.length + code.length < targetBytes - 200; i++) {
    code += `export function handler${i}(request: Request): Promise<Response> {\n  return withConnection((conn) => conn.query('select ${i}'));\n}\n\n`;
  }
  return `${paragraph.trim()}\n\n\`\`\`ts\n${code}\`\`\`\n`;
}

/**
 * A long list growing at the end of the answer: `items` numbered steps of one or two sentences, the
 * case where a list re-parsed whole on each update costs more and more.
 */
export function longListFixture(items = 200): string {
  let text = 'Here is the full checklist, in order:\n\n';
  for (let i = 1; i <= items; i++) {
    text += `${i}. Check **item ${i}**: confirm the setting and note the value in the \`audit\` log.${i % 3 === 0 ? ' Repeat after a restart.' : ''}\n`;
  }
  return text;
}
