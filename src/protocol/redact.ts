/**
 * A form of an agenttoken that is safe to show in logs and error messages.
 *
 * Tokens authenticate a subscription on their own (anyone holding one can read the stream), so the
 * kit never writes one whole: the first four characters identify it to a developer, the length
 * tells truncated from empty.
 *
 * @example redactToken('aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb') // 'aB3x…(30)'
 */
export function redactToken(token: unknown): string {
  if (typeof token !== 'string') return `<${token === null ? 'null' : typeof token}>`;
  if (token.length === 0) return '<empty>';
  if (token.length <= 4) return `…(${token.length})`;
  return `${token.slice(0, 4)}…(${token.length})`;
}
