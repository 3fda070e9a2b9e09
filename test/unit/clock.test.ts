import { afterEach, describe, expect, it, vi } from 'vitest';
import { today, withDayFixed } from '../../server/shared/clock.js';

afterEach(() => vi.unstubAllEnvs());

describe('the request clock', () => {
  it('keeps the day a request started on, through its awaits, while the machine moves on', async () => {
    vi.stubEnv('RAZBOR_TODAY', '2024-12-31');
    const seen = await withDayFixed(async () => {
      const first = today();
      vi.stubEnv('RAZBOR_TODAY', '2025-01-01');
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [first, today()];
    });
    expect(seen).toEqual(['2024-12-31', '2024-12-31']);
    expect(today()).toBe('2025-01-01');
  });

  it('gives two requests their own days', async () => {
    vi.stubEnv('RAZBOR_TODAY', '2024-03-01');
    const slow = withDayFixed(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return today();
    });
    vi.stubEnv('RAZBOR_TODAY', '2024-03-02');
    const fast = withDayFixed(async () => today());
    expect(await Promise.all([slow, fast])).toEqual(['2024-03-01', '2024-03-02']);
  });
});
