import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { SLOW_LINE, WEB_BUDGETS } from './web-budget.js';

export interface WebMeasurement {
  what: string;
  /** Bytes on the wire (compressed, headers included), as Chromium counts them. */
  bytes: number;
  ms: number;
  target: string;
  ok: boolean;
}

export interface WebBenchInput {
  url: string;
  login: string;
  password: string;
  /** A case the user may open. */
  caseId: string;
}

/** Counts what crosses the throttled line from the moment it is attached. */
async function throttledLine(context: BrowserContext, page: Page): Promise<{ cdp: CDPSession; transferred(): number; reset(): void }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW_LINE.latencyMs,
    downloadThroughput: SLOW_LINE.downloadBitsPerSecond / 8,
    uploadThroughput: SLOW_LINE.uploadBitsPerSecond / 8,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
  });
  return {
    cdp,
    transferred: () => bytes,
    reset: () => {
      bytes = 0;
    },
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return Math.round(performance.now() - started);
}

/**
 * The web client as a user at a regional hospital meets it: 1.6 Mbit/s and 150 ms round trip,
 * cold cache. The sign-in page until its form takes input, «Мои задачи» from pressing «Войти»
 * until the tasks show, and a case card opened (a full page load) once the client is cached.
 */
export async function measureWebClient(input: WebBenchInput): Promise<WebMeasurement[]> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const line = await throttledLine(context, page);

    const signInMs = await timed(async () => {
      await page.goto(`${input.url}/login`);
      await page.getByLabel('Логин').fill(input.login);
    });
    await page.waitForLoadState('networkidle');
    const signInBytes = line.transferred();

    await page.getByLabel('Пароль').fill(input.password);
    line.reset();
    const tasksMs = await timed(async () => {
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.locator('section[aria-labelledby="tasks-title"]').locator('.task-list, .empty').first().waitFor();
    });
    await page.waitForLoadState('networkidle');
    const tasksBytes = line.transferred();

    const openCase = async () => {
      line.reset();
      const ms = await timed(async () => {
        await page.goto(`${input.url}/cases/${input.caseId}`);
        await page.locator('#case-title').waitFor();
      });
      await page.waitForLoadState('networkidle');
      return { ms, bytes: line.transferred() };
    };
    // The first opening loads the card's code; then it is cached, as for anyone who has opened a case before.
    const firstCase = await openCase();
    const cachedCase = await openCase();

    return [
      {
        what: 'Страница входа (холодный кеш)',
        bytes: signInBytes,
        ms: signInMs,
        target: `≤ ${WEB_BUDGETS.signInBytes / 1024} КБ, ≤ ${WEB_BUDGETS.signInMs} мс`,
        ok: signInBytes <= WEB_BUDGETS.signInBytes && signInMs <= WEB_BUDGETS.signInMs,
      },
      {
        what: '«Мои задачи» после входа',
        bytes: tasksBytes,
        ms: tasksMs,
        target: `≤ ${WEB_BUDGETS.myTasksMs} мс`,
        ok: tasksMs <= WEB_BUDGETS.myTasksMs,
      },
      { what: 'Карточка случая, первое открытие', bytes: firstCase.bytes, ms: firstCase.ms, target: '—', ok: true },
      {
        what: 'Карточка случая (клиент в кеше)',
        bytes: cachedCase.bytes,
        ms: cachedCase.ms,
        target: `≤ ${WEB_BUDGETS.caseCardCachedMs} мс`,
        ok: cachedCase.ms <= WEB_BUDGETS.caseCardCachedMs,
      },
    ];
  } finally {
    await browser.close();
  }
}

/** The measurements as a Markdown table for docs/benchmarks.md. */
export function webTable(rows: readonly WebMeasurement[]): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1).replace('.', ',');
  return [
    '| страница | передано, КБ | время, мс | цель | выполнена |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${kb(r.bytes)} | ${r.ms} | ${r.target} | ${r.ok ? 'да' : 'нет'} |`),
  ].join('\n');
}
