import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWiroRequest } from 'wiro-agent-react/server';
import { createNonce, hmacSha256Hex } from '../../src/api/sign';

describe('Wiro request signing', () => {
  it('matches Node crypto.createHmac on fixed inputs (key = apiKey, message = secret + nonce)', async () => {
    const apiKey = 'key-0123456789abcdef';
    const apiSecret = 'secret-fedcba9876543210';
    const nonce = '1743350400';
    const expected = createHmac('sha256', apiKey)
      .update(apiSecret + nonce)
      .digest('hex');
    const headers = await signWiroRequest(apiKey, apiSecret, nonce);
    expect(headers).toEqual({ 'x-api-key': apiKey, 'x-nonce': nonce, 'x-signature': expected });
  });

  it('hashes UTF-8, not UTF-16 code units, for non-ASCII credentials', async () => {
    const key = 'clé-ключ-🔑';
    const message = 'sécret-секрет-42';
    expect(await hmacSha256Hex(key, message)).toBe(createHmac('sha256', key).update(message).digest('hex'));
  });

  it('sends only x-api-key without a secret', async () => {
    expect(await signWiroRequest('only-key')).toEqual({ 'x-api-key': 'only-key' });
    expect(await signWiroRequest('only-key', '')).toEqual({ 'x-api-key': 'only-key' });
  });

  it('uses a fresh nonce per request, and the signature follows it', async () => {
    const a = await signWiroRequest('k', 's');
    const b = await signWiroRequest('k', 's');
    expect(a['x-nonce']).not.toBe(b['x-nonce']);
    expect(a['x-signature']).not.toBe(b['x-signature']);
    expect(b['x-signature']).toBe(createHmac('sha256', 'k').update(`s${b['x-nonce']}`).digest('hex'));
  });

  it('makes strictly increasing millisecond nonces even within one millisecond', () => {
    const nonces = Array.from({ length: 50 }, () => Number(createNonce()));
    for (let i = 1; i < nonces.length; i++) expect(nonces[i]).toBeGreaterThan(nonces[i - 1] ?? Infinity);
    expect(Math.abs((nonces[0] ?? 0) - Date.now())).toBeLessThan(60_000);
  });
});
