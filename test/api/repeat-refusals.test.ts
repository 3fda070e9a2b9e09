import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QuarterlyReportDocument,
  RefusalCasesDocument,
  RegisterRefusalCaseDocument,
  UpdateRefusalCaseDocument,
  type RegisterRefusalCaseInput,
} from '../../client/generated/graphql.js';
import { caseInput, twoSidedWorld, validEnp } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * «A repeat refusal» is kept on the case by the database (migration 20261204000000), not worked out
 * when read: these are the writes that could leave it stale — a case registered with an earlier date
 * than one already there, a case re-dated, two SMOs registering one person at the same moment — each
 * checked through the list's filter and the report's count, as the SMO and the fund read them.
 */
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
});
afterAll(async () => {
  await server?.stop();
});

const person = (enp: string) => ({ ...caseInput({ moId: '', bureauId: '' }).person, enp });

async function register(token: string, input: Partial<RegisterRefusalCaseInput>) {
  const { registerRefusalCase } = await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties, input) }, token);
  expect(registerRefusalCase.errors).toEqual([]);
  return registerRefusalCase.result!;
}

/** The refusal dates of a person's cases the viewer finds as repeat refusals (the fund: across insurers). */
async function repeatDates(token: string, enp: string, smoId?: string): Promise<string[]> {
  const { refusalCases } = await server.ok(RefusalCasesDocument, { first: 50, filter: { enp, repeatRefusal: true, ...(smoId ? { smoId } : {}) } }, token);
  return refusalCases.edges.map((e) => e.node.refusalDate).sort();
}

describe('repeat refusals kept on the case', () => {
  it('a case registered with an earlier date than one already there makes that one the repeat, not itself', async () => {
    const enp = validEnp();
    await register(world.tokens.expertA, { person: person(enp), referralDate: '2024-03-01', refusalDate: '2024-03-20' });
    expect(await repeatDates(world.tokens.expertA, enp)).toEqual([]);
    await register(world.tokens.expertA, { person: person(enp), referralDate: '2024-01-10', refusalDate: '2024-02-05' });
    expect(await repeatDates(world.tokens.expertA, enp)).toEqual(['2024-03-20']);
    expect(await repeatDates(world.tokens.monitoring, enp)).toEqual(['2024-03-20']);
  });

  it('re-dating a case moves the repeat to the other one', async () => {
    const enp = validEnp();
    const first = await register(world.tokens.expertA, { person: person(enp), referralDate: '2024-04-01', refusalDate: '2024-04-15' });
    await register(world.tokens.expertA, { person: person(enp), referralDate: '2024-05-01', refusalDate: '2024-05-20' });
    expect(await repeatDates(world.tokens.expertA, enp)).toEqual(['2024-05-20']);
    const { updateRefusalCase } = await server.ok(
      UpdateRefusalCaseDocument,
      { input: { id: first.id, version: first.version, referralDate: '2024-05-25', refusalDate: '2024-06-10' } },
      world.tokens.expertA,
    );
    expect(updateRefusalCase.errors).toEqual([]);
    expect(await repeatDates(world.tokens.expertA, enp)).toEqual(['2024-06-10']);
  });

  it('an SMO counts only its own record of the person; the fund counts the other insurer’s earlier case too', async () => {
    const enp = validEnp();
    await register(world.tokens.expertB, { person: person(enp), referralDate: '2024-07-01', refusalDate: '2024-07-10' });
    await register(world.tokens.expertA, { person: person(enp), referralDate: '2024-08-01', refusalDate: '2024-08-12' });
    expect(await repeatDates(world.tokens.expertA, enp)).toEqual([]);
    expect(await repeatDates(world.tokens.expertB, enp)).toEqual([]);
    expect(await repeatDates(world.tokens.monitoring, enp)).toEqual(['2024-08-12']);
    // The fund asking about one SMO compares within that SMO's record, as the SMO itself does.
    expect(await repeatDates(world.tokens.monitoring, enp, world.organisations.smoA.id)).toEqual([]);
  });

  it('two SMOs registering one new person at the same moment: exactly the later case is the repeat, every time', async () => {
    const enps = Array.from({ length: 12 }, () => validEnp());
    // The later case is sent first half of the time, so neither order of commits is favoured.
    await Promise.all(
      enps.flatMap((enp, i) => {
        const early = () => register(world.tokens.expertB, { person: person(enp), referralDate: '2024-09-01', refusalDate: '2024-09-09' });
        const late = () => register(world.tokens.expertA, { person: person(enp), referralDate: '2024-09-02', refusalDate: '2024-09-16' });
        return i % 2 ? [late(), early()] : [early(), late()];
      }),
    );
    for (const enp of enps) expect(await repeatDates(world.tokens.monitoring, enp)).toEqual(['2024-09-16']);
    const report = await server.ok(QuarterlyReportDocument, { year: 2024, quarter: 3 }, world.tokens.monitoring);
    const listed = await server.ok(
      RefusalCasesDocument,
      { first: 1, filter: { quarter: { year: 2024, quarter: 3 }, repeatRefusal: true } },
      world.tokens.monitoring,
    );
    expect(report.quarterlyReport.refusals.repeatRefusals).toBe(listed.refusalCases.totalCount);
    expect(report.quarterlyReport.refusals.repeatRefusals).toBeGreaterThanOrEqual(enps.length);
  });

  it('a registration that meets another writer’s uncommitted case of the same ЕНП waits for it, then counts it', async () => {
    const enp = validEnp();
    const later = await register(world.tokens.expertB, { person: person(enp), referralDate: '2024-11-20', refusalDate: '2024-12-01' });
    // The other writer: a copy of SMO B's case dated earlier, inserted and held uncommitted.
    const writer = new pg.Client({ connectionString: server.razbor.databaseUrl });
    await writer.connect();
    try {
      await writer.query('begin');
      const { rows } = await writer.query<{ columns: string }>(
        `select string_agg(quote_ident(column_name), ', ') as columns from information_schema.columns
          where table_name = 'refusal_case' and is_generated = 'NEVER' and column_name not in ('id', 'number', 'refusal_date', 'idempotency_key')`,
      );
      const { columns } = rows[0];
      await writer.query(
        `insert into refusal_case (id, number, refusal_date, ${columns})
         select gen_random_uuid(), number || '-Р', date '2024-10-01', ${columns} from refusal_case where id = $1`,
        [later.id],
      );
      const registering = register(world.tokens.expertA, { person: person(enp), referralDate: '2024-10-20', refusalDate: '2024-11-01' });
      for (let tries = 0; ; tries++) {
        const { rowCount } = await writer.query(`select 1 from pg_locks where locktype = 'transactionid' and not granted`);
        if (rowCount) break;
        expect(tries, 'the registration should wait for the uncommitted case of its ЕНП').toBeLessThan(200);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await writer.query('commit');
      await registering;
    } finally {
      await writer.end();
    }
    expect(await repeatDates(world.tokens.monitoring, enp)).toEqual(['2024-11-01', '2024-12-01']);
  });
});
