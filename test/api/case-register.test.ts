import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefusalCasesRegisterDocument, RegisterRefusalCaseDocument } from '../../client/generated/graphql.js';
import { caseInput, twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;
const enps: Record<'a1' | 'a2' | 'b1', string> = { a1: '', a2: '', b1: '' };

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
  const register = async (token: string, surname: string) => {
    const input = caseInput(world.parties);
    const result = (await server.ok(RegisterRefusalCaseDocument, { input: { ...input, person: { ...input.person, surname } } }, token)).registerRefusalCase
      .result!;
    return result.person.enp;
  };
  enps.a1 = await register(world.tokens.expertA, 'Цаликова');
  enps.a2 = await register(world.tokens.expertA, 'Бекоева');
  enps.b1 = await register(world.tokens.expertB, 'Дзуцева');
});
afterAll(() => server?.stop());

/** The register's rows as text, header first. */
async function registerRows(token: string, variables: Record<string, unknown> = {}) {
  const answer = await server.gql(RefusalCasesRegisterDocument, variables, token);
  if (!answer.data) return { errors: answer.errors, rows: [] as string[][] };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(answer.data.refusalCasesRegister.contentBase64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) =>
    rows.push((row.values as Array<string | number | Date | null>).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')))),
  );
  return { errors: answer.errors, rows, fileName: answer.data.refusalCasesRegister.fileName };
}

describe('the register of a case list, as XLSX', () => {
  it('holds every case the list shows, with the columns people print, dates as dates', async () => {
    const { rows, fileName } = await registerRows(world.tokens.expertA, { filter: { search: 'Цаликова' } });
    expect(fileName).toBe('reestr-sluchaev-otkaza.xlsx');
    expect(rows[0]).toEqual([
      '№',
      'Номер случая',
      'ЕНП',
      'ФИО',
      'Дата рождения',
      'Направившая МО',
      'Бюро МСЭ',
      'Направление 088/у',
      'Дата направления',
      'Дата отказа',
      'Основной диагноз',
      'Недостающие обследования',
      'Состояние',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1][2]).toBe(enps.a1);
    expect(rows[1][3]).toMatch(/^Цаликова /);
    expect(rows[1][9]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("holds only the viewer's cases: another SMO's filter by its own id, or by a person's ЕНП, gives nothing of theirs", async () => {
    const own = await registerRows(world.tokens.expertB);
    expect(own.rows.slice(1).map((r) => r[2])).toEqual([enps.b1]);
    const aimed = await registerRows(world.tokens.expertB, { filter: { smoId: world.organisations.smoA.id } });
    expect(aimed.rows).toHaveLength(1);
    const byEnp = await registerRows(world.tokens.expertB, { filter: { enp: enps.a1 } });
    expect(byEnp.rows).toHaveLength(1);
    // The MO of the cases sees all three; the other MO none; the fund all.
    expect((await registerRows(world.tokens.moA)).rows).toHaveLength(4);
    expect((await registerRows(world.tokens.moB)).rows).toHaveLength(1);
    expect((await registerRows(world.tokens.monitoring)).rows.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses without a sign-in, and a value outside the filter is told at its field in Russian', async () => {
    const anonymous = await server.gql(RefusalCasesRegisterDocument, {}, null);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await server.gql(RefusalCasesRegisterDocument, { filter: { states: ['LOST'] } } as never, world.tokens.expertA);
    expect(bad.errors?.[0]).toMatchObject({ message: 'Недопустимое значение «LOST»', extensions: { code: 'BAD_USER_INPUT', field: 'states[0]' } });
  });
});
