import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImprovementPlanDocument, OpenImprovementPlanDocument, QuarterlyReportStatusesDocument } from '../../client/generated/graphql.js';
import { twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let expertA: string;
let monitoring: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ expertA, monitoring } = (await twoSidedWorld(server)).tokens);
});
afterAll(() => server?.stop());

const get = (path: string, token?: string) => fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('one error family, told by each transport', () => {
  it('a refusal on a query path reaches the client as its kind with the Russian message, not as an internal error', async () => {
    const response = await server.gql(QuarterlyReportStatusesDocument, { year: 2024, quarter: 7 }, monitoring);
    expect(response.errors).toEqual([
      expect.objectContaining({ message: 'Квартал: число от 1 до 4', extensions: { code: 'BAD_USER_INPUT', field: 'quarter' } }),
    ]);
    const noSmo = await server.gql(ImprovementPlanDocument, { year: 2024, quarter: 1, smoId: null }, monitoring);
    expect(noSmo.errors?.[0]).toMatchObject({ message: 'Укажите СМО (smoId)', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('the same refusal in a mutation is the payload error of the field it names', async () => {
    const { openImprovementPlan } = await server.ok(OpenImprovementPlanDocument, { year: 2024, quarter: 7 }, expertA);
    expect(openImprovementPlan.errors).toEqual([{ field: 'quarter', code: 'INVALID', message: 'Квартал: число от 1 до 4' }]);
    expect(openImprovementPlan.result).toBeNull();
  });

  it('REST routes answer by kind: 401 without a session, 404 for what the viewer cannot see, JSON message only', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      `/attachments/${missing}`,
      `/reports/submissions/${missing}.xlsx`,
      `/expertises/${missing}/act.docx`,
      '/reports/quarterly.xlsx?year=2024&quarter=1',
    ]) {
      const anonymous = await get(path);
      expect(anonymous.status, path).toBe(401);
      expect(await anonymous.json()).toEqual({ message: 'Требуется вход в систему' });
    }
    for (const [path, message] of [
      [`/attachments/${missing}`, 'Файл не найден'],
      [`/reports/submissions/${missing}.xlsx`, 'Отчёт не найден'],
      ['/reports/submissions/not-an-id.xlsx', 'Отчёт не найден'],
      [`/expertises/${missing}/act.docx`, 'Экспертиза не найдена'],
    ]) {
      const answer = await get(path, expertA);
      expect(answer.status, path).toBe(404);
      expect(await answer.json()).toEqual({ message });
    }
    const badQuarter = await get('/reports/quarterly.xlsx?year=2024&quarter=9', expertA);
    expect(badQuarter.status).toBe(400);
    expect(await badQuarter.json()).toEqual({ message: 'Квартал: число от 1 до 4' });
  });
});
