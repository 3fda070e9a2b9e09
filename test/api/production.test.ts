import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let production: TestServer;
beforeAll(async () => {
  production = await startTestServer({ NODE_ENV: 'production' });
});
afterAll(() => production?.stop());

describe('production defaults', () => {
  it('demo data never loads in production, and a production start refuses published defaults', async () => {
    expect(loadConfig({ NODE_ENV: 'production' }).loadDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).loadDemo).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', RAZBOR_DEMO: '1' })).toThrow(/RAZBOR_DEMO=1: демонстрационные пользователи/);
    expect(() => loadConfig({ NODE_ENV: 'production', RAZBOR_TODAY: '2024-01-01' })).toThrow(/RAZBOR_TODAY/);
    await expect(startTestServer({ NODE_ENV: 'production', RAZBOR_DEMO: '1' })).rejects.toThrow(/Рабочий режим/);
  });

  it('every answer carries the security headers; the web client’s CSP allows no inline script and no framing', async () => {
    for (const [pathname, init] of [
      ['/', {}],
      ['/healthz', {}],
      ['/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }],
      ['/attachments/00000000-0000-0000-0000-000000000000', {}],
    ] as const) {
      const response = await fetch(`${production.url}${pathname}`, init);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, pathname).toContain("default-src 'self'");
      expect(csp, pathname).toContain("script-src 'self'");
      expect(csp, pathname).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, pathname).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options'), pathname).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), pathname).toBe('no-referrer');
      expect(response.headers.get('x-powered-by'), pathname).toBeNull();
    }
  });

  it('the production landing page at /graphql loads nothing from outside', async () => {
    const page = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
    const body = await page.text();
    expect(body).not.toMatch(/https?:\/\//);
    expect(page.status).toBe(400);
  });

  it('field suggestions are off', async () => {
    const response = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${production.adminToken}` },
      body: JSON.stringify({ query: '{ mee { id } }' }),
    });
    expect(JSON.stringify(await response.json())).not.toMatch(/Did you mean|"me"/);
  });
});
