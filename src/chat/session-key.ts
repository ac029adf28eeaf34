/**
 * New session keys: the caller's prefix and a random id.
 * @packageDocumentation
 */

// 32 letters and digits without look-alikes (no 0/o, 1/l): a byte modulo 32 is unbiased.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const ID_LENGTH = 16;

/**
 * A new, unique session key: `prefix` followed by 16 random characters (80 bits from
 * `crypto.getRandomValues`), e.g. `createSessionKey('user-42:')` → `"user-42:k3v9w2mxa7c4pqzt"`.
 *
 * Wiro creates a session when its first message is sent, so the key names nothing on the server until
 * then. When your proxy binds callers to a `sessionPrefix`, pass that prefix here.
 */
export function createSessionKey(prefix = ''): string {
  if (typeof prefix !== 'string') throw new TypeError('createSessionKey: prefix must be a string');
  const bytes = new Uint8Array(ID_LENGTH);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < ID_LENGTH; i++) bytes[i] = Math.floor(Math.random() * 256);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return `${prefix}${id}`;
}
