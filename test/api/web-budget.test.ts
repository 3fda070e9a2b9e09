import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkNames, filesOfPage, LOADED_WHEN_OPENED, MEASURED_PAGES, WEB_BUDGETS, type WebManifest } from '../../server/cli/web-budget.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The web client's byte budgets, checked on a fresh build without a browser: what the sign-in page
 * and «Мои задачи» load, and how the server sends it (precompressed, hashed files cached a year).
 * The times on a throttled line are measured by `npm run bench`.
 */
const run = promisify(execFile);
let webDir: string;
let manifest: WebManifest;
let server: TestServer;

beforeAll(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'razbor-web-build-'));
  await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'client/vite.config.ts', '--outDir', webDir, '--logLevel', 'error']);
  manifest = JSON.parse(await readFile(path.join(webDir, '.vite/manifest.json'), 'utf8')) as WebManifest;
  server = await startTestServer({ RAZBOR_WEB_DIR: webDir });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await rm(webDir, { recursive: true, force: true });
});

/** What the server sends a browser that takes brotli: the .br copy, or the file itself when too small to compress. */
const brotliBytes = async (file: string) => {
  const compressed = path.join(webDir, `${file}.br`);
  return (await stat(existsSync(compressed) ? compressed : path.join(webDir, file))).size;
};

describe('the web client on a slow line', () => {
  it(`the sign-in page transfers at most ${WEB_BUDGETS.signInBytes / 1024} KB compressed, and neither it nor «Мои задачи» waits for charts, forms, import or admin`, async () => {
    const signIn = filesOfPage(manifest, MEASURED_PAGES.signIn);
    const bytes = (await Promise.all(signIn.map(brotliBytes))).reduce((a, b) => a + b, 0) + (await stat(path.join(webDir, 'index.html'))).size;
    expect(bytes).toBeLessThanOrEqual(WEB_BUDGETS.signInBytes);
    for (const page of [MEASURED_PAGES.signIn, MEASURED_PAGES.myTasks]) {
      expect(chunkNames(manifest, filesOfPage(manifest, page)).filter((name) => LOADED_WHEN_OPENED.includes(name))).toEqual([]);
    }
    // The heavy pages are chunks of their own, loaded when opened.
    expect(chunkNames(manifest, filesOfPage(manifest, 'src/reports/QuarterlyReportPage.tsx'))).toContain('QuarterlyReportPage');
  });

  it('every script and style has brotli and gzip copies, and the server sends the one the browser takes', async () => {
    const assets = Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])]);
    for (const file of assets.filter((f) => /\.(js|css)$/.test(f))) {
      const size = (await stat(path.join(webDir, file))).size;
      if (size >= 1024) expect([file, existsSync(path.join(webDir, `${file}.br`)), existsSync(path.join(webDir, `${file}.gz`))]).toEqual([file, true, true]);
    }
    const entry = Object.values(manifest).find((chunk) => chunk.isEntry)!.file;
    const fetchAs = (encoding: string, url = `/${entry}`) => fetch(`${server.url}${url}`, { headers: { 'accept-encoding': encoding } });

    const brotli = await fetchAs('gzip, deflate, br');
    expect([brotli.status, brotli.headers.get('content-encoding'), brotli.headers.get('vary')]).toEqual([200, 'br', 'Accept-Encoding']);
    expect(brotli.headers.get('content-type')).toContain('javascript');
    expect(Number(brotli.headers.get('content-length'))).toBe(await brotliBytes(entry));
    expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetchAs('gzip')).headers.get('content-encoding')).toBe('gzip');
    const plain = await fetchAs('identity');
    expect([plain.headers.get('content-encoding'), Number(plain.headers.get('content-length'))]).toEqual([null, (await stat(path.join(webDir, entry))).size]);
  });

  it('index.html is revalidated on every visit, so a new release is seen at once', async () => {
    for (const route of ['/', '/login', '/cases/123']) {
      const response = await fetch(`${server.url}${route}`);
      expect([route, response.status, response.headers.get('cache-control')]).toEqual([route, 200, 'no-cache']);
    }
  });
});
