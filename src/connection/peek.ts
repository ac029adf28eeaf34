const TYPE_THEN_TOKEN = /\s*\{\s*"type"\s*:\s*"agent_output"\s*,\s*"agenttoken"\s*:\s*"([^"\\]+)"\s*[,}]/y;
const TOKEN_THEN_TYPE = /\s*\{\s*"agenttoken"\s*:\s*"([^"\\]+)"\s*,\s*"type"\s*:\s*"agent_output"\s*[,}]/y;

/**
 * The agenttoken of a text frame that is certainly an `agent_output`, or `null` when that is not certain.
 *
 * Only the first two keys at the very start of the text are read (sticky regexes: a 20 KB frame costs a few
 * dozen characters), so the nested progress object's own `"type"` can never be mistaken for the frame's:
 * JSON strings cannot hold an unescaped quote, so a key right after the opening brace is top-level. Tokens
 * with escapes, other key orders and everything else give `null` and take the full decoder.
 *
 * Full validity is NOT checked here: the caller decodes every frame it applies, and a frame a newer
 * output supersedes before the next paint is never decoded (that is what makes coalescing cheaper than
 * parsing). The one cheap check: a frame that does not end in `}` (cut off in transit, the usual way a
 * frame breaks) is left to the full decoder, so it is reported even when it would have been superseded.
 */
export function peekOutputToken(data: string): string | null {
  if (!endsWithBrace(data)) return null;
  TYPE_THEN_TOKEN.lastIndex = 0;
  const a = TYPE_THEN_TOKEN.exec(data);
  if (a !== null) return a[1] as string;
  TOKEN_THEN_TYPE.lastIndex = 0;
  const b = TOKEN_THEN_TYPE.exec(data);
  return b === null ? null : (b[1] as string);
}

function endsWithBrace(data: string): boolean {
  let i = data.length - 1;
  // JSON whitespace only: anything else after the object makes the frame invalid anyway.
  while (i >= 0 && (data[i] === ' ' || data[i] === '\n' || data[i] === '\r' || data[i] === '\t')) i--;
  return i >= 0 && data.charCodeAt(i) === 125; // '}'
}
