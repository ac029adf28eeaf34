const TYPE_THEN_TOKEN = /\s*\{\s*"type"\s*:\s*"agent_output"\s*,\s*"agenttoken"\s*:\s*"([^"\\]+)"\s*[,}]/y;
const TOKEN_THEN_TYPE = /\s*\{\s*"agenttoken"\s*:\s*"([^"\\]+)"\s*,\s*"type"\s*:\s*"agent_output"\s*[,}]/y;

/**
 * The agenttoken of a text frame that is certainly an `agent_output`, or `null` when that is not certain.
 *
 * Only the first two keys at the very start of the text are read (sticky regexes: a 20 KB frame costs a few
 * dozen characters), so the nested progress object's own `"type"` can never be mistaken for the frame's:
 * JSON strings cannot hold an unescaped quote, so a key right after the opening brace is top-level. Tokens
 * with escapes, other key orders and everything else give `null` and take the full decoder. Validity is
 * NOT checked here: the caller still decodes every frame it applies.
 */
export function peekOutputToken(data: string): string | null {
  TYPE_THEN_TOKEN.lastIndex = 0;
  const a = TYPE_THEN_TOKEN.exec(data);
  if (a !== null) return a[1] as string;
  TOKEN_THEN_TYPE.lastIndex = 0;
  const b = TOKEN_THEN_TYPE.exec(data);
  return b === null ? null : (b[1] as string);
}
