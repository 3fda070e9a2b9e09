import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let webDir: string;
const INDEX = '<!doctype html><title>Razbor</title><div id="root"></div>';

beforeAll(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'razbor-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'index.html'), INDEX);
  await writeFile(path.join(webDir, 'assets/app.js'), 'console.log("razbor")');
  server = await startTestServer({ RAZBOR_WEB_DIR: webDir });
});

afterAll(async () => {
  await server?.stop();
  await rm(webDir, { recursive: true, force: true });
});

describe('the web client is served next to the API', () => {
  it('answers / and every client route with index.html, so shared links open', async () => {
    for (const route of ['/', '/cases', '/cases/8d1c6a8e-0000-4000-8000-000000000000', '/cases?state=CLOSED&q=%D0%A6%D0%B0', '/reports', '/login']) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('content-type'), route).toContain('text/html');
      expect(await response.text(), route).toBe(INDEX);
    }
  });

  it('serves the built assets as files', async () => {
    const response = await fetch(`${server.url}/assets/app.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log("razbor")');
  });

  it('leaves the API paths to the API', async () => {
    expect(((await (await fetch(`${server.url}/healthz`)).json()) as { status: string }).status).toBe('ok');
    const report = await fetch(`${server.url}/reports/quarterly.xlsx?year=2024&quarter=1`);
    expect(report.status).toBe(401);
    const act = await fetch(`${server.url}/expertises/8d1c6a8e-0000-4000-8000-000000000000/act.docx`);
    expect(act.status).toBe(401);
    const graphql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(((await graphql.json()) as { data: { __typename: string } }).data.__typename).toBe('Query');
  });

  it('says in Russian that the client is not built when it is missing', async () => {
    const bare = await startTestServer({ RAZBOR_WEB_DIR: path.join(webDir, 'missing') });
    try {
      const response = await fetch(`${bare.url}/cases`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('Веб-интерфейс не собран');
    } finally {
      await bare.stop();
    }
  });
});
