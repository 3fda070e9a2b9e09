import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { SLOW_LINE, WEB_BUDGETS } from './web-budget.js';

export interface WebMeasurement {
  what: string;
  /** Bytes on the wire (compressed, headers included), as Chromium counts them. */
  bytes: number;
  /** The median of the runs. */
  ms: number;
  /** The fastest and slowest run, when there were several. */
  spread?: string | null;
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

interface Journey {
  signIn: { ms: number; bytes: number };
  tasks: { ms: number; bytes: number };
  firstCase: { ms: number; bytes: number };
  cachedCase: { ms: number; bytes: number };
}

/**
 * The web client as a user at a regional hospital meets it: 1.6 Mbit/s and 150 ms round trip,
 * cold cache. The sign-in page until its form takes input, «Мои задачи» from pressing «Войти»
 * until the tasks show, and a case card opened (a full page load) once the client is cached.
 */
async function journey(input: WebBenchInput): Promise<Journey> {
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
    const signIn = { ms: signInMs, bytes: line.transferred() };

    await page.getByLabel('Пароль').fill(input.password);
    line.reset();
    const tasksMs = await timed(async () => {
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.locator('section[aria-labelledby="tasks-title"]').locator('.task-list, .empty').first().waitFor();
    });
    await page.waitForLoadState('networkidle');
    const tasks = { ms: tasksMs, bytes: line.transferred() };

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
    return { signIn, tasks, firstCase, cachedCase };
  } finally {
    await browser.close();
  }
}

/** How many times the journey is measured. */
export const WEB_RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The journey `runs` times, each in a fresh browser with a cold cache: each page's median, with the
 * fastest and slowest run beside it (one run of a few seconds on a shared machine is a sample, not a figure).
 */
export async function measureWebClient(input: WebBenchInput, runs = WEB_RUNS): Promise<WebMeasurement[]> {
  const journeys: Journey[] = [];
  for (let i = 0; i < runs; i++) journeys.push(await journey(input));
  const page = (key: keyof Journey) => {
    const times = journeys.map((j) => j[key].ms);
    return { ms: median(times), bytes: median(journeys.map((j) => j[key].bytes)), spread: runs > 1 ? `${Math.min(...times)}–${Math.max(...times)}` : null };
  };
  const [signIn, tasks, firstCase, cachedCase] = (['signIn', 'tasks', 'firstCase', 'cachedCase'] as const).map(page);
  return [
    {
      what: 'Страница входа (холодный кеш)',
      ...signIn,
      target: `≤ ${WEB_BUDGETS.signInBytes / 1024} КБ, ≤ ${WEB_BUDGETS.signInMs} мс`,
      ok: signIn.bytes <= WEB_BUDGETS.signInBytes && signIn.ms <= WEB_BUDGETS.signInMs,
    },
    { what: '«Мои задачи» после входа', ...tasks, target: `≤ ${WEB_BUDGETS.myTasksMs} мс`, ok: tasks.ms <= WEB_BUDGETS.myTasksMs },
    { what: 'Карточка случая, первое открытие', ...firstCase, target: '—', ok: true },
    {
      what: 'Карточка случая (клиент в кеше)',
      ...cachedCase,
      target: `≤ ${WEB_BUDGETS.caseCardCachedMs} мс`,
      ok: cachedCase.ms <= WEB_BUDGETS.caseCardCachedMs,
    },
  ];
}

/** The measurements as a Markdown table for docs/benchmarks.md. */
export function webTable(rows: readonly WebMeasurement[]): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1).replace('.', ',');
  return [
    '| страница | передано, КБ | время, мс (медиана) | разброс, мс | цель | выполнена |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${kb(r.bytes)} | ${r.ms} | ${r.spread ?? '—'} | ${r.target} | ${r.ok ? 'да' : 'нет'} |`),
  ].join('\n');
}
