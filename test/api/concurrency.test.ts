import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddFindingDocument,
  CreatePerCapitaNormDocument,
  AcceptQuarterlyReportDocument,
  ImportRefusalCasesDocument,
  RecordMoPositionsDocument,
  ReturnQuarterlyReportDocument,
  SubmitQuarterlyReportDocument,
  LoginDocument,
  MeDocument,
  RefusalCaseDocument,
  RegisterRefusalCaseDocument,
  SignExpertiseDocument,
  UpdateRefusalCaseDocument,
} from '../../client/generated/graphql.js';
import { buildCaseCsv } from '../../server/modules/cases/import/case-sheet.template.js';
import { EXAMPLE_CASE_ROWS } from '../../server/modules/cases/import/case-sheet.example.js';
import { discuss, openExpertise, newEpisode } from '../helpers/expertise.js';
import { TEST_PASSWORD, caseInput, createDemoOrganisations, createOrganisation, createUserAndLogin, twoSidedWorld, validEnp } from '../helpers/fixtures.js';
import { holdRows } from '../helpers/locks.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let second: TestServer;
let expert: string;
let parties: { moId: string; bureauId: string };
let moToken: string;
let fundToken: string;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  // These bursts test what one record does under racing writers, not admission control (tested in
  // limits.test.ts): the servers queue the burst instead of shedding it when the machine is busy.
  const patient = { RAZBOR_MAX_QUEUE_WAIT_MS: '20000', RAZBOR_MAX_QUEUED: '500' };
  server = await startTestServer(patient);
  second = await startTestServer(patient, undefined, server);
  world = await twoSidedWorld(server);
  parties = world.parties;
  expert = world.tokens.expertA;
  moToken = world.tokens.moA;
  fundToken = world.tokens.monitoring;
  await server.ok(
    CreatePerCapitaNormDocument,
    { input: { normKindCode: 'INPATIENT', amount: '1000.00', validFrom: '2020-01-01', basis: 'ТП' } },
    server.adminToken,
  );
});
afterAll(async () => {
  await second?.stop();
  await server?.stop();
});

const count = async (sql: string, params: unknown[] = []) => Number((await server.sql<{ n: string }>(sql, params))[0].n);

/** The work's results and how many statements took case numbers (each one write of new cases). */
async function numberWrites<T>(on: TestServer, work: () => Promise<T>): Promise<{ results: T; count: number }> {
  const knex = on.razbor.orm.em.getConnection().getKnex();
  let count = 0;
  const listener = (query: { sql: string }) => {
    if (query.sql.includes('case_number_counter')) count += 1;
  };
  knex.on('query', listener);
  try {
    return { results: await work(), count };
  } finally {
    knex.off('query', listener);
  }
}

describe('concurrent writers', () => {
  it('50 parallel edits of one case from one version: exactly one wins, the rest are told the record changed', async () => {
    const c = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(parties) }, expert)).registerRefusalCase.result!;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? second : server).ok(UpdateRefusalCaseDocument, { input: { id: c.id, version: c.version, remarks: `правка ${i}` } }, expert),
      ),
    );
    const winners = results.filter((r) => r.updateRefusalCase.result);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.updateRefusalCase.errors[0]?.code === 'STALE_VERSION')).toHaveLength(49);
    const [row] = await server.sql<{ remarks: string; version: number }>('select remarks, version from refusal_case where id = $1', [c.id]);
    expect(row).toEqual({ remarks: winners[0].updateRefusalCase.result!.remarks, version: 2 });
    expect(await count(`select count(*) as n from case_history where refusal_case_id = $1 and kind = 'UPDATED'`, [c.id])).toBe(1);
  });

  it('100 parallel registrations with one idempotency key, on two servers, make one case', async () => {
    const input = caseInput(parties, { idempotencyKey: `burst-${validEnp()}` });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? second : server).ok(RegisterRefusalCaseDocument, { input }, expert)));
    expect(results.every((r) => r.registerRefusalCase.errors.length === 0)).toBe(true);
    expect(new Set(results.map((r) => r.registerRefusalCase.result!.id)).size).toBe(1);
    expect(await count('select count(*) as n from refusal_case where idempotency_key = $1', [input.idempotencyKey])).toBe(1);
  });

  it('40 parallel registrations, four new persons with ten refusals each, on two servers: every case registered, one person per ЕНП, numbers consecutive', async () => {
    const inputs = Array.from({ length: 4 }, () => caseInput(parties)).flatMap((base) =>
      Array.from({ length: 10 }, (_, day) => ({ ...base, refusalDate: `2024-03-${String(day + 10).padStart(2, '0')}` })),
    );
    const results = await Promise.all(inputs.map((input, i) => (i % 2 ? second : server).ok(RegisterRefusalCaseDocument, { input }, expert)));
    expect(results.map((r) => r.registerRefusalCase.errors)).toEqual(inputs.map(() => []));
    const enps = [...new Set(inputs.map((input) => input.person.enp))];
    expect(await count('select count(*) as n from insured_person where enp = any($1)', [enps])).toBe(4);
    const sequence = results.map((r) => Number(r.registerRefusalCase.result!.number.slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: 40 }, (_, i) => sequence[0] + i));
  });

  it('an expert’s registrations arriving together share writes of the year’s numbers, each case its own and numbered gap-free', async () => {
    const inputs = Array.from({ length: 40 }, () => caseInput(parties));
    const writes = await numberWrites(server, () => Promise.all(inputs.map((input) => server.ok(RegisterRefusalCaseDocument, { input }, expert))));
    const cases = writes.results.map((r) => r.registerRefusalCase.result!);
    expect(writes.results.map((r) => r.registerRefusalCase.errors)).toEqual(inputs.map(() => []));
    expect(writes.count).toBeLessThan(inputs.length);
    expect(cases.map((c) => c.person.enp)).toEqual(inputs.map((input) => input.person.enp));
    const sequence = cases.map((c) => Number(c.number.slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(sequence.map((_, i) => sequence[0] + i));
    const stored = await server.sql<{ number: string; enp: string; summary: string }>(
      `select c.number, c.person_enp as enp, h.summary from refusal_case c join case_history h on h.refusal_case_id = c.id where c.id = any($1::uuid[])`,
      [cases.map((c) => c.id)],
    );
    expect(new Map(stored.map((row) => [row.number, row.enp]))).toEqual(new Map(cases.map((c) => [c.number, c.person.enp])));
    expect(stored.every((row) => row.summary === `Случай ${row.number} зарегистрирован`)).toBe(true);
  });

  it('two SMOs’ experts registering the same ЕНП at once: each case, person and number stays with its own SMO', async () => {
    const { tokens, organisations } = world;
    const enps = Array.from({ length: 15 }, () => validEnp());
    const sides = [
      { token: tokens.expertA, smoId: organisations.smoA.id, surname: 'Сторона-А' },
      { token: tokens.expertB, smoId: organisations.smoB.id, surname: 'Сторона-Б' },
    ];
    const sent = sides.flatMap((side) =>
      enps.map((enp) => ({ side, input: caseInput(parties, { person: { ...caseInput(parties).person, enp, surname: side.surname } }) })),
    );
    const results = await Promise.all(sent.map(({ side, input }) => server.ok(RegisterRefusalCaseDocument, { input }, side.token)));
    expect(results.map((r) => r.registerRefusalCase.errors)).toEqual(sent.map(() => []));
    const stored = await server.sql<{ id: string; smo_id: string; surname: string; person_smo: string }>(
      `select c.id, c.smo_id, p.surname, p.smo_id as person_smo from refusal_case c join insured_person p on p.id = c.person_id where c.id = any($1::uuid[])`,
      [results.map((r) => r.registerRefusalCase.result!.id)],
    );
    const byId = new Map(stored.map((row) => [row.id, row]));
    results.forEach((r, i) => {
      const { side } = sent[i];
      expect(byId.get(r.registerRefusalCase.result!.id)).toMatchObject({ smo_id: side.smoId, person_smo: side.smoId, surname: side.surname });
      expect(r.registerRefusalCase.result!.person.surname).toBe(side.surname);
    });
    expect(new Set(results.map((r) => r.registerRefusalCase.result!.number)).size).toBe(sent.length);
    // Neither expert reads the other side's case of the same person.
    const other = await server.gql(RefusalCaseDocument, { id: results[0].registerRefusalCase.result!.id }, tokens.expertB);
    expect(other.data?.refusalCase ?? null).toBeNull();
  });

  it('a duplicate among registrations written together fails alone: the others are registered, no number is lost', async () => {
    const year = Number((await server.ok(RegisterRefusalCaseDocument, { input: caseInput(parties) }, expert)).registerRefusalCase.result!.number.slice(4, 8));
    // The year's counter held by another transaction: the next registration's write waits for it, and
    // the dozen sent meanwhile queue behind that write, to go into the next one together.
    const counter = await holdRows(server, 'select last from case_number_counter where year = $1', [year]);
    const first = server.ok(RegisterRefusalCaseDocument, { input: caseInput(parties) }, expert);
    await counter.waitedFor();
    const inputs = Array.from({ length: 12 }, () => caseInput(parties));
    inputs[7] = { ...inputs[3] };
    const sent = numberWrites(server, () => Promise.all(inputs.map((input) => server.ok(RegisterRefusalCaseDocument, { input }, expert))));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await counter.release();
    await first;
    const { results, count } = await sent;
    // One write of the twelve together, refused for the twin, then each alone.
    expect(count).toBe(1 + inputs.length);
    const refused = results.filter((r) => r.registerRefusalCase.errors.length > 0);
    expect(refused.map((r) => r.registerRefusalCase.errors[0])).toEqual([
      expect.objectContaining({
        field: 'refusalDate',
        code: 'ALREADY_EXISTS',
        message: expect.stringContaining('Этот отказ бюро уже зарегистрирован: случай МСЭ-'),
      }),
    ]);
    const sequence = results
      .filter((r) => r.registerRefusalCase.result)
      .map((r) => Number(r.registerRefusalCase.result!.number.slice(-6)))
      .sort((a, b) => a - b);
    expect(sequence).toHaveLength(11);
    expect(sequence).toEqual(sequence.map((_, i) => sequence[0] + i));
    const [{ last }] = await server.sql<{ last: number }>('select last from case_number_counter where year = $1', [year]);
    expect(last).toBe(sequence[10]);
  });

  it('signing and adding findings at once leave a consistent signed expertise', async () => {
    for (let round = 0; round < 5; round++) {
      const c = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(parties) }, expert)).registerRefusalCase.result!;
      const e = await openExpertise(server, expert, { caseId: c.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
      await server.ok(AddFindingDocument, { input: { expertiseId: e.id, code: '3.2.2', description: 'x', episode: newEpisode('100.00') } }, expert);
      const discussed = (await discuss(server, expert, e.id, '2024-05-06')).result!;
      await Promise.all([
        second.ok(SignExpertiseDocument, { id: e.id, version: discussed.version }, expert),
        server.ok(AddFindingDocument, { input: { expertiseId: e.id, code: '3.2.1', description: 'x', episode: newEpisode('100.00') } }, expert),
      ]);
      const [state] = await server.sql<{ status: string; revision: number; discussed: number; unfined: string }>(
        `select e.status, e.findings_revision as revision,
                (select max(d.findings_revision) from expertise_discussion d where d.expertise_id = e.id) as discussed,
                (select count(*) from finding f join defect_code dc on dc.id = f.defect_code_id where f.expertise_id = e.id and dc.fine_coefficient is not null and f.fine is null) as unfined
           from expertise e where e.id = $1`,
        [e.id],
      );
      if (state.status === 'SIGNED') {
        expect(state.revision).toBe(state.discussed);
        expect(Number(state.unfined)).toBe(0);
      } else {
        expect(state.status).toBe('DRAFT');
        expect(state.revision).toBeGreaterThan(state.discussed);
      }
    }
  });

  it('signing racing the MO’s positions ends in a typed error or in order, never an internal error', async () => {
    for (let round = 0; round < 6; round++) {
      const c = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(parties) }, expert)).registerRefusalCase.result!;
      const e = await openExpertise(server, expert, { caseId: c.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
      const f = (await server.ok(AddFindingDocument, { input: { expertiseId: e.id, code: '3.2.2', description: 'x', episode: newEpisode('100.00') } }, expert))
        .addFinding.result!;
      const discussed = (await discuss(server, expert, e.id, '2024-05-06')).result!;
      const [signed, positions] = await Promise.all([
        second.gql(SignExpertiseDocument, { id: e.id, version: discussed.version }, expert),
        server.gql(
          RecordMoPositionsDocument,
          { input: { expertiseId: e.id, positions: [{ findingId: f.id, position: 'DISAGREES', comment: 'не согласны' }] } },
          moToken,
        ),
      ]);
      expect(signed.errors, JSON.stringify(signed.errors)).toBeUndefined();
      expect(positions.errors, JSON.stringify(positions.errors)).toBeUndefined();
      expect(signed.data!.signExpertise.errors).toEqual([]);
      const refused = positions.data!.recordMoPositions.errors;
      if (refused.length) expect(refused[0]).toMatchObject({ code: 'NOT_ALLOWED', message: 'Экспертиза уже подписана' });
    }
  });

  it('accepting and returning one quarterly report at once: one decision stands, the other is told so', async () => {
    const submitted = (await server.ok(SubmitQuarterlyReportDocument, { year: 2024, quarter: 1 }, expert)).submitQuarterlyReport.result!;
    const [accepted, returned] = await Promise.all([
      server.gql(AcceptQuarterlyReportDocument, { id: submitted.id }, fundToken),
      second.gql(ReturnQuarterlyReportDocument, { id: submitted.id, comment: 'доработать' }, fundToken),
    ]);
    expect(accepted.errors, JSON.stringify(accepted.errors)).toBeUndefined();
    expect(returned.errors, JSON.stringify(returned.errors)).toBeUndefined();
    const outcomes = [accepted.data!.acceptQuarterlyReport, returned.data!.returnQuarterlyReport];
    expect(outcomes.filter((o) => o.result)).toHaveLength(1);
    expect(outcomes.flatMap((o) => o.errors.map((e) => e.code))).toEqual(['NOT_ALLOWED']);
  });

  it('overlapping spreadsheets imported at once create each case once', async () => {
    await createDemoOrganisations(server);
    const file = Buffer.from(buildCaseCsv(EXAMPLE_CASE_ROWS)).toString('base64');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? second : server).ok(ImportRefusalCasesDocument, { input: { fileName: 'x.csv', contentBase64: file } }, expert),
      ),
    );
    expect(results.reduce((sum, r) => sum + r.importRefusalCases.result!.created, 0)).toBe(EXAMPLE_CASE_ROWS.length);
    expect(
      await count(`select count(*) as n from refusal_case c join insured_person p on p.id = c.person_id where p.enp = any($1)`, [
        EXAMPLE_CASE_ROWS.map((r) => r.enp),
      ]),
    ).toBe(3);
  });
});

describe('two server processes on one database', () => {
  it('a token from one server works on the other; sign-in throttling counts across both', async () => {
    const { user, token } = await createUserAndLogin(server, 'MONITORING', (await createOrganisation(server, 'FUND')).id);
    expect((await second.ok(MeDocument, {}, token)).me.id).toBe(user.id);
    for (let i = 0; i < 5; i++) await (i % 2 ? second : server).ok(LoginDocument, { login: user.login, password: 'wrong-password' });
    const blocked = await second.ok(LoginDocument, { login: user.login, password: TEST_PASSWORD });
    expect(blocked.login.errors[0].code).toBe('TOO_MANY_ATTEMPTS');
  });
});
