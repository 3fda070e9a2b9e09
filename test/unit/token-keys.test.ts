import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenService } from '../../server/modules/auth/token.service.js';

const KEYS = { current: 'a-secret-of-enough-length-for-hs256-0123456789', previous: null };

afterEach(() => vi.useRealTimers());

describe('signing keys read again from the database', () => {
  it('once for all the requests that arrive while they are being read, not once per request', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let reads = 0;
    let finish: () => void = () => undefined;
    const tokens = new TokenService(KEYS, 12, async () => {
      reads += 1;
      await new Promise<void>((resolve) => (finish = resolve));
      return KEYS;
    });
    const { token } = await tokens.issue('00000000-0000-4000-8000-000000000001', 1);
    vi.setSystemTime(Date.now() + 6_000);
    const verifying = Array.from({ length: 50 }, () => tokens.verify(token));
    await new Promise((resolve) => setImmediate(resolve));
    finish();
    const claims = await Promise.all(verifying);
    expect(reads).toBe(1);
    expect(claims.every((c) => c?.tokenVersion === 1)).toBe(true);
    // Read, they are not read again until they are due.
    await tokens.verify(token);
    expect(reads).toBe(1);
  });
});
