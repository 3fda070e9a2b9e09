/**
 * What a page of the web client costs on a hospital's slow line: the files it loads (from Vite's
 * manifest) and the budgets they are held to, by a test in `npm test` (bytes) and by the browser
 * measurements of `npm run bench` (times on a throttled line).
 */

/** Vite's build manifest: each chunk, the chunks it imports, and its CSS. */
export type WebManifest = Record<string, { file: string; name?: string; src?: string; isEntry?: boolean; imports?: string[]; css?: string[] }>;

/** The pages measured, by their source file (as the manifest names dynamic entries). */
export const MEASURED_PAGES = {
  signIn: 'src/auth/LoginPage.tsx',
  myTasks: 'src/tasks/MyTasksPage.tsx',
  caseCard: 'src/cases/CaseCardPage.tsx',
} as const;

/** Chunks that the sign-in page and «Мои задачи» must not wait for. */
export const LOADED_WHEN_OPENED = ['QuarterlyReportPage', 'AdminPage', 'ImportCasesPage', 'CaseForm', 'DateField'];

/** The line of the budgets: 1.6 Mbit/s both ways, 150 ms round trip, cold cache. */
export const SLOW_LINE = { downloadBitsPerSecond: 1_600_000, uploadBitsPerSecond: 1_600_000, latencyMs: 150 };

export const WEB_BUDGETS = {
  /** Transferred by the sign-in page, compressed, index.html included. */
  signInBytes: 150 * 1024,
  /** From navigation until the sign-in form takes input. */
  signInMs: 2000,
  /** From pressing «Войти» until «Мои задачи» shows its work. */
  myTasksMs: 3000,
  /** A case card opened from the list once the client is cached. */
  caseCardCachedMs: 1500,
};

/** The files a page loads: the entry and the page's chunk, each with the chunks and CSS they import. */
export function filesOfPage(manifest: WebManifest, pageSource: string): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry || !manifest[pageSource]) throw new Error(`В манифесте сборки нет точки входа или страницы ${pageSource}`);
  visit(entry);
  visit(pageSource);
  return [...files];
}

/** The names of the chunks behind those files (CSS has none). */
export function chunkNames(manifest: WebManifest, files: readonly string[]): string[] {
  return Object.values(manifest)
    .filter((chunk) => files.includes(chunk.file) && chunk.name)
    .map((chunk) => chunk.name!);
}
