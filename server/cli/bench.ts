import { importRegisterVersion, readRegisterFiles } from '../modules/reference/register.service.js';
import { ICD10_OID } from '../modules/reference/register.parser.js';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, lchown, lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { print } from 'graphql';
import pg from 'pg';
import { LoginDocument, QuarterlyReportDocument } from '../../client/generated/graphql.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startRazbor } from '../app/runtime.js';
import { projectRoot } from '../shared/project-root.js';
import { seedSynthetic } from '../synthetic/synthetic.js';
import type { RegistrationLoad, RegistrationLoadResult } from './registration-load.js';
import { measureWebClient, WEB_RUNS, webTable } from './web-bench.js';
import { SLOW_LINE } from './web-budget.js';
import { numberedParameters, reportFloors } from './report-floors.js';
import { importTable, measureLargeImport } from './import-bench.js';

/**
 * npm run bench — on a database of synthetic cases (1,000,000 by default, kept under .data/bench),
 * times the report, a filtered page, registration under load and the XLSX export, each next to
 * plain SQL for the same result where there is one, then the web client on a throttled line, and
 * writes docs/benchmarks.md.
 */
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '200' },
    'overload-rate': { type: 'string', default: '400' },
    // Older years added to a copy of the database (.data/bench-archive), the timed quarter unchanged.
    archive: { type: 'string', default: '0' },
    // Rows of the spreadsheet imported through the CLI and the mutation (0: not measured).
    'import-rows': { type: 'string', default: '100000' },
    // Internal: the timed requests alone, their combined figures written to this file (the archive's run).
    'requests-only': { type: 'string' },
  },
});
const ARCHIVE = Number(values.archive);
// The archive's years, each generated as a year of its own (a million-row transaction at most per year).
const ARCHIVE_YEARS = [2019, 2020, 2021, 2022];
const CASES = Number(values.cases);
const say = (message: string) => process.stdout.write(`${message}\n`);
const config = loadConfig({
  RAZBOR_DATA_DIR: path.join(projectRoot(), '.data', 'bench'),
  // The first request after the other database's run reads gigabytes from a cold disk cache (the
  // archive's first report outlasted the server's 15 s limit): the warm-up runs are not timed anyway.
  RAZBOR_STATEMENT_TIMEOUT_MS: '300000',
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  RAZBOR_DEMO: '0',
  LOG_LEVEL: 'warn',
});
const razbor = await startRazbor(config, createLogger('warn'));
const sql = new pg.Pool({ connectionString: razbor.databaseUrl, max: 4 });
const query = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await sql.query<T>(text, params)).rows;

const existing = Number((await query<{ n: string }>(`select count(*) as n from refusal_case where number like 'СИН-%'`))[0].n);
if (existing < CASES) {
  say(`Создаю синтетические данные: ${CASES - existing} случаев…`);
  await seedSynthetic(razbor.orm.em.fork(), { cases: CASES - existing, smos: 5, mos: 60, bureaus: 6, password: config.demoPassword, log: say });
}
if (values['requests-only'] && ARCHIVE > 0) await addArchive();

/** Adds the older years' cases still missing, a year at a time (a run stopped midway goes on). */
async function addArchive(): Promise<void> {
  const perYear = Math.ceil(ARCHIVE / ARCHIVE_YEARS.length);
  for (const year of ARCHIVE_YEARS) {
    const from = `${year}-01-01`;
    const [{ n }] = await query<{ n: string }>(`select count(*) as n from refusal_case where refusal_date >= $1 and refusal_date < $2`, [
      from,
      `${year + 1}-01-01`,
    ]);
    if (Number(n) >= perYear) continue;
    say(`Добавляю архив ${year} года: ${perYear - Number(n)} случаев…`);
    await seedSynthetic(razbor.orm.em.fork(), {
      cases: perYear - Number(n),
      smos: 0,
      mos: 0,
      bureaus: 0,
      password: config.demoPassword,
      log: say,
      // Dates within the year alone: the generator spreads them over `days` days from `from`.
      period: { from, days: year % 4 === 0 ? 366 : 365 },
      intoExisting: true,
    });
  }
}
// As after autovacuum in production: the visibility map lets the report read its covering indexes alone.
for (const table of ['refusal_case', 'expertise', 'finding', 'commission_review', 'corrective_action', 'insured_person'])
  await query(`vacuum analyze ${table}`);
const [expertRow] = await query<{ login: string; organisation_id: string }>(
  `select login, organisation_id from app_user where login like 'synthetic.expert%' order by login limit 1`,
);
// Registrations under load go to another SMO: repeated runs leave the timed SMO's cases as generated.
const [loadExpertRow] = await query<{ login: string }>(
  `select login from app_user where login like 'synthetic.expert%' and organisation_id <> $1 order by login desc limit 1`,
  [expertRow.organisation_id],
);
const [monitoringRow] = await query<{ login: string }>(`select login from app_user where login like 'synthetic.monitoring%' limit 1`);
const [moRow] = await query<{ mo_id: string }>(`select mo_id from refusal_case where smo_id = $1 group by mo_id order by count(*) desc limit 1`, [
  expertRow.organisation_id,
]);

async function gql(document: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${razbor.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}
const login = async (name: string) => ((await gql(print(LoginDocument), { login: name, password: config.demoPassword })).login as { token: string }).token;
const expert = await login(expertRow.login);
const monitoring = await login(monitoringRow.login);

interface Timing {
  median: number;
  p95: number;
}
async function time(runs: number, work: () => Promise<unknown>): Promise<Timing> {
  // Warm-up: the server and its database start with cold caches at every run.
  for (let i = 0; i < 5; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)], p95: samples[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)] };
}

const QUARTER = { year: 2024, quarter: 2, from: '2024-04-01', to: '2024-06-30' };
const report = print(QuarterlyReportDocument);
const REPORT_BY_MO = `query($year: Int!, $quarter: Int!) { quarterlyReport(year: $year, quarter: $quarter) { refusals { byMo { key label count previousCount } } } }`;
const FLOOR_REPORT = `select c.mo_id, o.short_name, count(*) filter (where c.refusal_date between $2 and $3) as count,
       count(*) filter (where c.refusal_date between $4 and $5) as previous
  from refusal_case c join organisation o on o.id = c.mo_id
 where c.refusal_date between $4 and $3 and c.smo_id = $1 group by 1, 2 order by 3 desc`;
const PAGE = `query($filter: RefusalCaseFilter) { refusalCases(first: 100, filter: $filter) { totalCount edges { node {
  id number refusalDate mainDiagnosis person { surname name enp } smo { shortName } mo { shortName } bureau { shortName }
  expertises { number status totals { amountNotPaid fine } } } } } }`;
const FLOOR_PAGE = `select c.id, c.number, c.refusal_date, c.main_diagnosis, p.surname, p.name, p.enp, s.short_name, m.short_name, b.short_name,
       (select json_agg(json_build_object('number', e.number, 'status', e.status)) from expertise e where e.refusal_case_id = c.id)
  from refusal_case c join insured_person p on p.id = c.person_id join organisation s on s.id = c.smo_id
  join organisation m on m.id = c.mo_id join organisation b on b.id = c.bureau_id
 where c.smo_id = $1 and c.mo_id = $2 and c.refusal_date between $3 and $4 order by c.refusal_date desc, c.id desc limit 100`;

say('Измеряю…');
/** A measurement of one pass: its timing, its floor, and what its target asks of the combined figures. */
interface Measured {
  what: string;
  timing: Timing;
  floor?: Timing;
  /** The floor's statement, whose plan is printed when the target is missed. */
  floorSql?: { sql: string; params: unknown[] };
  target: string;
  meets(figures: { median: number; ratio: number | null }): boolean;
}

/** A row of the table: the medians over the passes, the median ratio to the floor and its spread. */
interface TableRow {
  what: string;
  timing: Timing;
  floor?: Timing;
  ratio: number | null;
  spread: [number, number] | null;
  floorSql?: { sql: string; params: unknown[] };
  target: string;
  ok: boolean;
}

const PASSES = 3;
const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The passes' measurements row by row: medians of each figure and of each ratio, with the ratio's spread. */
function combine(passes: Measured[][]): TableRow[] {
  return passes[0].map((first, i) => {
    const same = passes.map((pass) => pass[i]);
    const timing = { median: middle(same.map((m) => m.timing.median)), p95: middle(same.map((m) => m.timing.p95)) };
    const floors = same.flatMap((m) => (m.floor ? [m.floor] : []));
    const floor = floors.length ? { median: middle(floors.map((f) => f.median)), p95: middle(floors.map((f) => f.p95)) } : undefined;
    const ratios = same.flatMap((m) => (m.floor ? [m.timing.median / m.floor.median] : []));
    const ratio = ratios.length ? middle(ratios) : null;
    const spread: [number, number] | null = ratios.length ? [Math.min(...ratios), Math.max(...ratios)] : null;
    return {
      what: first.what,
      timing,
      floor,
      ratio,
      spread,
      floorSql: first.floorSql,
      target: first.target,
      ok: first.meets({ median: timing.median, ratio }),
    };
  });
}

/** The floors of every section, one after another on one connection: their sum is the floor of the whole report. */
async function floorOfReport(smoId: string | null): Promise<{ total: Timing; sections: Array<{ section: string; timing: Timing }> }> {
  const client = await sql.connect();
  try {
    const floors = reportFloors(smoId, { from: QUARTER.from, to: QUARTER.to }, { from: '2024-01-01', to: '2024-03-31' }, new Date().toISOString().slice(0, 10));
    const sections = [];
    for (const floor of floors) {
      const statement = numberedParameters(floor.statement);
      sections.push({ section: floor.section, timing: await time(5, () => client.query(statement.text, statement.values)) });
    }
    const total = await time(5, async () => {
      for (const floor of floors) {
        const statement = numberedParameters(floor.statement);
        await client.query(statement.text, statement.values);
      }
    });
    return { total, sections };
  } finally {
    client.release();
  }
}

const sectionFloors: Record<string, Array<{ section: string; timing: Timing }>> = {};

/** The whole report, as the API computes it, against the sum of its sections' floors, for one SMO and for all. */
async function sectionFloorRows(): Promise<Measured[]> {
  const rows: Measured[] = [];
  for (const [what, token, smoId] of [
    ['одна СМО', expert, expertRow.organisation_id],
    ['все СМО', monitoring, null],
  ] as const) {
    const floor = await floorOfReport(smoId);
    sectionFloors[what] = floor.sections;
    const whole = await time(5, () => gql(report, { year: QUARTER.year, quarter: QUARTER.quarter }, token));
    rows.push({
      what: `Весь отчёт (${what}) против суммы полов всех разделов`,
      timing: whole,
      floor: floor.total,
      target: '≤ 1,5× суммы полов',
      meets: (m) => (m.ratio ?? Infinity) <= 1.5,
    });
  }
  return rows;
}

/** One pass over the timed requests, each beside its floor where it has one. */
async function measureRequests(): Promise<Measured[]> {
  const rows: Measured[] = [];
  const reportFloorSql = { sql: FLOOR_REPORT, params: [expertRow.organisation_id, QUARTER.from, QUARTER.to, '2024-01-01', '2024-03-31'] };
  const pageFloorSql = { sql: FLOOR_PAGE, params: [expertRow.organisation_id, moRow.mo_id, QUARTER.from, QUARTER.to] };
  const reportOne = await time(10, () => gql(report, { year: QUARTER.year, quarter: QUARTER.quarter }, expert));
  const reportFloor = await time(20, () => query(reportFloorSql.sql, reportFloorSql.params));
  rows.push({
    what: 'Квартальный отчёт, одна СМО',
    timing: reportOne,
    floor: reportFloor,
    floorSql: reportFloorSql,
    target: '< 500 мс',
    meets: (m) => m.median < 500,
  });
  // The same section as the floor, asked for alone: the report computes only what is selected.
  const byMoOnly = await time(20, () => gql(REPORT_BY_MO, { year: QUARTER.year, quarter: QUARTER.quarter }, expert));
  rows.push({
    what: 'Отчёт одной СМО: только отказы по МО',
    timing: byMoOnly,
    floor: reportFloor,
    floorSql: reportFloorSql,
    target: '≤ 1,5× пола',
    meets: (m) => (m.ratio ?? Infinity) <= 1.5,
  });
  const reportAll = await time(5, () => gql(report, { year: QUARTER.year, quarter: QUARTER.quarter }, monitoring));
  rows.push({ what: 'Квартальный отчёт, все СМО', timing: reportAll, target: '< 1000 мс', meets: (m) => m.median < 1000 });
  const pageFilter = { moId: moRow.mo_id, quarter: { year: QUARTER.year, quarter: QUARTER.quarter } };
  const page = await time(20, () => gql(PAGE, { filter: pageFilter }, expert));
  const pageFloor = await time(20, () => query(pageFloorSql.sql, pageFloorSql.params));
  rows.push({
    what: 'Страница 100 случаев (МО + квартал)',
    timing: page,
    floor: pageFloor,
    floorSql: pageFloorSql,
    target: '< 100 мс',
    meets: (m) => m.median < 100,
  });
  const search = await time(20, () => gql(PAGE, { filter: { search: 'габуев' } }, expert));
  const searchFloorSql = {
    sql: `select c.id from refusal_case c where c.smo_id = $1 and c.search_vector @@ to_tsquery('simple', 'габуев:*') order by c.refusal_date desc, c.id desc limit 100`,
    params: [expertRow.organisation_id],
  };
  const searchFloor = await time(20, () => query(searchFloorSql.sql, searchFloorSql.params));
  rows.push({
    what: 'Поиск по фамилии, 100 случаев',
    timing: search,
    floor: searchFloor,
    floorSql: searchFloorSql,
    target: '< 100 мс',
    meets: (m) => m.median < 100,
  });
  // A surname nobody has: the usual search, the worst for walking the cases newest first.
  const rareSearch = await time(20, () => gql(PAGE, { filter: { search: 'цаликова' } }, expert));
  const rareFloorSql = {
    // The SMO's matches of each of its years, from the search's index.
    sql: `select c.id
            from (select extract(year from min(refusal_date))::int as first, extract(year from max(refusal_date))::int as last
                    from refusal_case where smo_id = $1) span
            cross join lateral generate_series(span.last, span.first, -1) y
            cross join lateral (select id, refusal_date from refusal_case
                                 where smo_id = $1
                                   and dated_search_lexemes(smo_id, refusal_date, search_vector) @@ dated_search_query($1, y, to_tsquery('simple', 'цаликова:*'))
                                offset 0) c
           order by c.refusal_date desc, c.id desc limit 100`,
    params: [expertRow.organisation_id],
  };
  const rareFloor = await time(20, () => query(rareFloorSql.sql, rareFloorSql.params));
  rows.push({
    what: 'Поиск по редкой фамилии (нет совпадений)',
    timing: rareSearch,
    floor: rareFloor,
    floorSql: rareFloorSql,
    target: '< 100 мс',
    meets: (m) => m.median < 100,
  });
  const xlsx = await time(3, async () => {
    const response = await fetch(`${razbor.url}/reports/quarterly.xlsx?year=${QUARTER.year}&quarter=${QUARTER.quarter}`, {
      headers: { authorization: `Bearer ${expert}` },
    });
    await response.arrayBuffer();
  });
  rows.push({ what: 'XLSX квартала, одна СМО', timing: xlsx, target: '< 5000 мс', meets: (m) => m.median < 5000 });
  // The start page's query: the hundred most urgent tasks and the count of all (166 675 and 295 185 on the million).
  const MY_TASKS = 'query { myTaskCount myTasks(first: 100) { kind title link caseId caseNumber expertiseId actionId dueOn workingDaysLeft overdue } }';
  for (const [what, token] of [
    ['«Мои задачи», эксперт СМО (100 самых срочных и счёт)', expert],
    ['«Мои задачи», ТФОМС (100 самых срочных и счёт)', monitoring],
  ] as const) {
    const timing = await time(5, () => gql(MY_TASKS, {}, token));
    rows.push({ what, timing, target: '< 2000 мс', meets: (m) => m.median < 2000 });
  }

  const DIAGNOSES = 'query($search: String!) { diagnoses(search: $search, first: 20) { code name } }';
  const SERVICES = 'query($search: String!) { medicalServices(search: $search, first: 20) { code name } }';
  for (const [what, document, search] of [
    ['Поиск МКБ-10 по началу кода (I63)', DIAGNOSES, 'I63'],
    ['Поиск МКБ-10 по словам («инфаркт»)', DIAGNOSES, 'инфаркт'],
    ['Поиск НМУ по словам («электрокардиограммы»)', SERVICES, 'электрокардиограммы'],
  ] as const) {
    const timing = await time(20, () => gql(document, { search }, expert));
    rows.push({ what, timing, target: '< 50 мс', meets: (m) => m.median < 50 });
  }
  // The shipped МКБ-10 loaded again as another version, inside a transaction that is then rolled back.
  const icd10Files = await readRegisterFiles(
    path.join(projectRoot(), 'data/fnsi', `${ICD10_OID}_2.24_passport.json`),
    path.join(projectRoot(), 'data/fnsi', `${ICD10_OID}_2.24.json.gz`),
  );
  const rolledBack = new Error('rolled back on purpose');
  const icd10Import = await time(1, () =>
    razbor.orm.em
      .fork()
      .transactional(async (em) => {
        await importRegisterVersion(em, { ...icd10Files.passport, version: `bench-${Date.now()}` }, icd10Files.rows);
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      }),
  );
  rows.push({ what: `Загрузка МКБ-10 (${icd10Files.rows.length} записей)`, timing: icd10Import, target: '< 10000 мс', meets: (m) => m.median < 10000 });
  rows.push(...(await sectionFloorRows()));
  return rows;
}

const passes: Measured[][] = [];
for (let pass = 1; pass <= PASSES; pass++) {
  say(`Проход ${pass} из ${PASSES}…`);
  passes.push(await measureRequests());
}
const rows = combine(passes);
if (values['requests-only']) {
  await writeFile(values['requests-only'], JSON.stringify(rows.map((r) => ({ what: r.what, median: r.timing.median }))));
  await sql.end();
  await razbor.stop();
  process.exit(0);
}

const [mo] = await query<{ id: string }>(`select id from organisation where kind = 'MO' limit 1`);
const [bureau] = await query<{ id: string }>(`select id from organisation where kind = 'MSE_BUREAU' limit 1`);
const registrationLoad: RegistrationLoad = {
  url: razbor.url,
  token: await login(loadExpertRow.login),
  moId: mo.id,
  bureauId: bureau.id,
  rate: Number(values.rate),
  seconds: Number(values.seconds),
};
const loadAt = async (rate: number) => {
  const result = await new Promise<RegistrationLoadResult>((resolve, reject) => {
    const worker = new Worker(new URL('./registration-load.js', import.meta.url), { workerData: { ...registrationLoad, rate } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Let requests still in flight finish before anything else is measured.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return result;
};
const load = await loadAt(Number(values.rate));
const overload = await loadAt(Number(values['overload-rate']));
const maxWait = config.admission.maxQueueWaitMs;
rows.push({
  what: `Регистрация случая, ${values.rate} запросов/с`,
  timing: { median: load.p50, p95: load.p95 },
  ratio: null,
  spread: null,
  target: 'p95 < 25 мс',
  ok: load.p95 < 25 && load.failed === 0 && load.perSecond >= 0.95 * Number(values.rate),
});
rows.push({
  what: `Перегрузка: регистрация, ${values['overload-rate']} запросов/с (принятые)`,
  timing: { median: overload.acceptedP50, p95: overload.acceptedP99 },
  ratio: null,
  spread: null,
  target: `p99 принятых < ${maxWait + 1000} мс; лишние — 503`,
  ok: overload.acceptedP99 < maxWait + 1000 && overload.failed === 0,
});

// The web client over a hospital's slow line, as the timed SMO's expert: sign-in, «Мои задачи», a case card.
const [webCase] = await query<{ id: string }>(`select id from refusal_case where smo_id = $1 order by refusal_date desc limit 1`, [expertRow.organisation_id]);
// A page that never shows is a row of the table, not the end of the run.
const webRows = await measureWebClient({ url: razbor.url, login: expertRow.login, password: config.demoPassword, caseId: webCase.id }).catch((error: Error) => [
  { what: 'Веб-клиент', bytes: 0, ms: Number.NaN, target: `не дождались: ${error.message.split('\n')[0]}`, ok: false },
]);

// A large spreadsheet into the other SMO (the timed one keeps its cases), removed again afterwards.
const [importOrgs] = await query<{ smo: string; mo: string; bureau: string }>(
  `select (select o.ogrn from organisation o join app_user u on u.organisation_id = o.id where u.login = $1) as smo,
          (select ogrn from organisation where kind = 'MO' and active order by ogrn limit 1) as mo,
          (select ogrn from organisation where kind = 'MSE_BUREAU' and active order by ogrn limit 1) as bureau`,
  [loadExpertRow.login],
);
const IMPORT_ROWS = Number(values['import-rows']);
const importRows =
  IMPORT_ROWS > 0
    ? await measureLargeImport({
        url: razbor.url,
        token: registrationLoad.token,
        smoOgrn: importOrgs.smo,
        moOgrn: importOrgs.mo,
        bureauOgrn: importOrgs.bureau,
        databaseUrl: razbor.databaseUrl,
        rows: IMPORT_ROWS,
        pool: sql,
      }).catch((error: Error) => `Загрузка не измерена: ${error.message}`)
    : null;
const importNote =
  importRows === null
    ? ''
    : `\n\nЗагрузка файла XLSX на ${IMPORT_ROWS} новых случаев (шаблон, одна МО и одно бюро), в другую СМО; рост памяти сервера — пик его RSS над уровнем перед запросом (сервер работает в процессе этого скрипта); у команды — пик RSS её собственного процесса:\n\n${typeof importRows === 'string' ? importRows : importTable(importRows)}`;

const format = (ms: number) => ms.toFixed(1).replace('.', ',');
const ratioText = (r: TableRow) =>
  r.ratio === null ? '—' : `${r.ratio.toFixed(2).replace('.', ',')} (${r.spread!.map((x) => x.toFixed(2).replace('.', ',')).join('–')})`;
const table = [
  '| измерение | медиана, мс | p95, мс | пол (SQL), мс | отношение (разброс) | цель | выполнена |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.what} | ${format(r.timing.median)} | ${format(r.timing.p95)} | ${r.floor ? format(r.floor.median) : '—'} | ${ratioText(r)} | ${r.target} | ${r.ok ? 'да' : 'нет'} |`,
  ),
].join('\n');
const floorsTable = [
  '| раздел | пол, одна СМО, мс | пол, все СМО, мс |',
  '|---|---|---|',
  ...sectionFloors['одна СМО'].map((f, i) => `| ${f.section} | ${format(f.timing.median)} | ${format(sectionFloors['все СМО'][i].timing.median)} |`),
].join('\n');
const overloadNote = `Перегрузка: отправлено ${overload.sent} за ${values.seconds} с (${values['overload-rate']} в секунду), зарегистрировано ${overload.accepted} (p50 ${overload.acceptedP50} мс, p99 ${overload.acceptedP99} мс), отклонено с 503 ${overload.shed} (${Math.round((100 * overload.shed) / Math.max(1, overload.sent))} %), иных ошибок ${overload.failed}.`;
const web = `Веб-клиент в Chromium без интерфейса, линия ${SLOW_LINE.downloadBitsPerSecond / 1e6} Мбит/с и ${SLOW_LINE.latencyMs} мс задержки (DevTools), сборка \`npm run build:web\` со сжатием; каждая страница — медиана ${WEB_RUNS} прогонов, каждый в новом браузере с холодным кешем:\n\n${webTable(webRows)}`;
say(
  `\n${table}\n\nПолы разделов отчёта (последний проход):\n\n${floorsTable}\n\n${web}\n\nРегистрация: отправлено ${load.sent} за ${values.seconds} с (${load.perSecond} в секунду, с постоянным интервалом), не зарегистрировано ${load.failed}; p99 ${load.p99} мс\n${overloadNote}${importNote}`,
);
for (const missed of rows.filter((r) => !r.ok && r.floorSql)) {
  const plan = await query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${missed.floorSql!.sql}`, missed.floorSql!.params);
  say(`\nПлан запроса для «${missed.what}»:\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
}

const [{ n: total }] = await query<{ n: string }>('select count(*) as n from refusal_case');
const machine = `${os.cpus().length} ядра (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} ГиБ, Node ${process.version}, PostgreSQL ${(await query<{ v: string }>("select current_setting('server_version') as v"))[0]?.v ?? ''} (встроенный)`;
await sql.end();
await razbor.stop();
// The archive's run is long (millions of cases generated): its failure is reported, the table above kept.
const archiveTable =
  ARCHIVE > 0
    ? await measureWithArchive(rows).catch((error: unknown) => `Прогон с архивом не завершился: ${error instanceof Error ? error.message : String(error)}`)
    : '';

/**
 * A copy of the bench's data directory. Run as root, the copy belongs to root, and PostgreSQL (run as
 * the postgres user) could not open it: the files take the owners of the originals.
 */
async function copyCluster(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true });
  if (process.getuid?.() !== 0) return;
  for (const entry of await readdir(to, { recursive: true })) {
    const { uid, gid } = await lstat(path.join(from, entry));
    await lchown(path.join(to, entry), uid, gid);
  }
}

/**
 * The same timed requests on a copy of this database with `--archive` cases of 2019–2022 added
 * (kept in .data/bench-archive for the next run): each figure at most 1.2× its figure without them.
 */
async function measureWithArchive(without: TableRow[]): Promise<string> {
  const dataDir = path.join(projectRoot(), '.data', 'bench-archive');
  if (!existsSync(dataDir)) await copyCluster(config.dataDir, dataDir);
  const out = path.join(os.tmpdir(), `razbor-bench-archive-${process.pid}.json`);
  say(`\nТе же запросы с архивом прошлых лет (${dataDir})…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--requests-only', out, '--archive', String(ARCHIVE)], {
      env: { ...process.env, RAZBOR_DATA_DIR: dataDir },
      stdio: 'inherit',
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the archive's run ended with code ${code}`))));
  });
  const withArchive = JSON.parse(await readFile(out, 'utf8')) as Array<{ what: string; median: number }>;
  return [
    `| измерение | медиана без архива, мс | медиана с архивом (+${ARCHIVE} случаев), мс | отношение | цель | выполнена |`,
    '|---|---|---|---|---|---|',
    ...without.flatMap((r) => {
      const other = withArchive.find((w) => w.what === r.what);
      if (!other) return [];
      const ratio = other.median / r.timing.median;
      return [
        `| ${r.what} | ${format(r.timing.median)} | ${format(other.median)} | ${ratio.toFixed(2).replace('.', ',')} | ≤ 1,2× | ${ratio <= 1.2 ? 'да' : 'нет'} |`,
      ];
    }),
  ].join('\n');
}
const doc = `# Benchmarks\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.\nDatabase: ${total} refusal cases (synthetic, \`npm run seed:synthetic\`), quarter ${QUARTER.quarter}/${QUARTER.year}.\nEach figure is the median and p95 of repeated requests over HTTP to the running server; the floor is plain SQL for the same rows on the same database. The table is measured ${PASSES} times in one run: each figure is the median of the passes, the ratio the median of the passes' ratios, with their spread in brackets. For the overload row: the median and p99 of the registrations accepted.\n\n${table}\n\nFloors of the report's sections (the last pass; hand-written SQL in \`server/cli/report-floors.ts\`, run one after another on one connection):\n\n${floorsTable}\n\n${overloadNote}\n\n${web}${importNote}\n${archiveTable ? `\nThe same requests with ${ARCHIVE} cases of 2019–2022 added (\`--archive\`, a copy in .data/bench-archive), the timed quarter unchanged:\n\n${archiveTable}\n` : ''}`;
// Notes written by people below the table survive a new run.
const target = path.join(projectRoot(), 'docs', 'benchmarks.md');
const previous = await readFile(target, 'utf8').catch(() => '');
const notes = previous.includes('\n## Notes') ? previous.slice(previous.indexOf('\n## Notes')) : '';
await writeFile(target, `${doc}${notes}`);
say('\nЗаписано в docs/benchmarks.md');
