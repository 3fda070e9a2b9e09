import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { freePort } from '../../server/db/embedded.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEMO_PASSWORD = 'razbor-demo';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** `npm start` as a user runs it: the built server with the embedded database, demo set and web client. */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'razbor-e2e-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RAZBOR_DATA_DIR: dataDir,
    RAZBOR_DEMO: '1',
    RAZBOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
    if (child.exitCode !== null) throw new Error('the server exited while starting');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export { launchBrowser } from '../../server/cli/browser.js';

/** A laptop screen: every page must be usable at 1366×768. */
export const VIEWPORT = { width: 1366, height: 768 };

/**
 * axe-core over the page as it stands: no serious or critical violation of WCAG 2.1 A/AA. The
 * failure lists each rule with the elements it found, for whoever fixes it.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    grave.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe-core на странице «${where}»`,
  ).toEqual([]);
}

/** A main page reached by a journey: checked with axe-core and, with RAZBOR_SCREENSHOTS=1, saved under docs/screenshots for the README. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await screenshot(page, name);
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.RAZBOR_SCREENSHOTS !== '1') return;
  const dir = path.join(ROOT, 'docs/screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

export const ADMIN_PASSWORD = 'e2e-admin-password';

export async function signIn(page: Page, baseUrl: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.getByRole('button', { name: 'Войти' }).waitFor();
}

/** Answers the browser's next confirmation (accepting it unless told otherwise) and resolves with its question. */
export function answerNextConfirm(page: Page, accept = true): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
  });
}
