import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';

const digestHour = (value?: string) => loadConfig({ RAZBOR_SMTP_URL: 'smtp://localhost:2525', RAZBOR_MAIL_DIGEST_HOUR: value }).mail!.digestHour;

describe('the hour of the daily digest', () => {
  it('is 7 unless set; an hour from 0 to 23, or off for a server that writes none', () => {
    expect(digestHour()).toBe(7);
    expect([digestHour('0'), digestHour('07'), digestHour(' 23 '), digestHour('off')]).toEqual([0, 7, 23, null]);
  });

  it('refuses anything else in Russian, naming the setting, rather than writing digests at midnight', () => {
    for (const value of ['', 'of', 'OFF', '24', '-1', '7.5', '7h'])
      expect(() => digestHour(value), value).toThrow(/RAZBOR_MAIL_DIGEST_HOUR: час сводки: целое от 0 до 23 или off/);
  });
});
