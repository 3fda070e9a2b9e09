import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarYearsDocument, ImportProductionCalendarDocument, ProductionCalendarPreviewDocument } from '../../client/generated/graphql.js';
import { createOrganisation, createUserAndLogin } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The production calendar in the open XML format people download (xmlcalendar.ru: `<day d="ММ.ДД"
 * t="1|2|3"/>`), previewed before it is saved. The fixture is a made-up year (2031), not a decree:
 * 261 weekdays, 13 of them days off, one Saturday worked — 249 working days by hand.
 */
const xml = readFileSync(new URL('../fixtures/calendars/ru-2031.xml', import.meta.url), 'utf8');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const years = async () => (await server.ok(CalendarYearsDocument, {}, server.adminToken)).calendarYears.map((y) => y.year);

describe('the production calendar from the open XML format', () => {
  it('is previewed day by day before anything is saved', async () => {
    const { productionCalendarPreview } = await server.ok(ProductionCalendarPreviewDocument, { content: xml }, server.adminToken);
    expect(productionCalendarPreview).toEqual([
      {
        year: 2031,
        workingDays: 249,
        daysOff: [
          '2031-01-01',
          '2031-01-02',
          '2031-01-03',
          '2031-01-06',
          '2031-01-07',
          '2031-01-08',
          '2031-02-24',
          '2031-03-10',
          '2031-05-01',
          '2031-05-09',
          '2031-06-12',
          '2031-11-04',
          '2031-12-31',
        ],
        workingWeekends: ['2031-12-27'],
        alreadyLoaded: false,
      },
    ]);
    expect(await years()).not.toContain(2031);
  });

  it('is loaded as previewed, and then counted in deadlines', async () => {
    const { importProductionCalendar } = await server.ok(ImportProductionCalendarDocument, { content: xml, source: 'xmlcalendar.ru, 2031' }, server.adminToken);
    expect(importProductionCalendar.errors).toEqual([]);
    expect(importProductionCalendar.result!.map((y) => y.year)).toEqual([2031]);
    expect(await years()).toContain(2031);
    const [days] = await server.sql<{ off: number; worked: number }>(
      `select count(*) filter (where not working)::int as off, count(*) filter (where working)::int as worked
         from calendar_exception where day between '2031-01-01' and '2031-12-31'`,
    );
    expect(days).toEqual({ off: 13, worked: 1 });
    const again = await server.ok(ProductionCalendarPreviewDocument, { content: xml }, server.adminToken);
    expect(again.productionCalendarPreview[0].alreadyLoaded).toBe(true);
  });

  it('refuses what is not a calendar, at the file, in Russian, and saves nothing', async () => {
    const broken = [
      ['<calendar><days><day d="01.01" t="1"/></days></calendar>', 'Нет элемента calendar с годом'],
      [xml.replace('d="05.09"', 'd="13.45"'), 'неверная дата дня «13.45» (ожидается ММ.ДД)'],
      [xml.replace('d="05.09" t="1"', 'd="05.09" t="7"'), 'неизвестный тип t="7"'],
      ['Год;Месяц\n2031;1', 'Файл не JSON и не XML производственного календаря'],
      [`<calendar year="2031"><days>${'<day d="01.01" t="1"/>'.repeat(20_000)}</days></calendar>`, 'файл больше 256 КБ'],
    ] as const;
    const before = await years();
    for (const [content, reason] of broken) {
      const preview = await server.gql(ProductionCalendarPreviewDocument, { content }, server.adminToken);
      expect(preview.errors?.[0]).toMatchObject({ message: expect.stringContaining(reason), extensions: { code: 'BAD_USER_INPUT', field: 'content' } });
      const { importProductionCalendar } = await server.ok(ImportProductionCalendarDocument, { content, source: 'x' }, server.adminToken);
      expect(importProductionCalendar.errors).toEqual([expect.objectContaining({ field: 'content', message: expect.stringContaining(reason) })]);
    }
    expect(await years()).toEqual(before);
  });

  it('does not expand entities a file declares (a billion laughs is refused as a bad date, at once)', async () => {
    let entities = '<!ENTITY a0 "lollollollollollollollollollol">';
    for (let i = 1; i < 10; i++) entities += `<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`;
    const bomb = `<?xml version="1.0"?><!DOCTYPE calendar [${entities}]><calendar year="2031"><days><day d="&a9;" t="1"/></days></calendar>`;
    const preview = await server.gql(ProductionCalendarPreviewDocument, { content: bomb }, server.adminToken);
    expect(preview.errors?.[0]).toMatchObject({ message: expect.stringContaining('неверная дата дня «&a9;»'), extensions: { field: 'content' } });
  });

  it('is previewed and loaded by administrators only', async () => {
    const mo = await createOrganisation(server, 'MO');
    const { token } = await createUserAndLogin(server, 'MO_COMMISSION', mo.id);
    const preview = await server.gql(ProductionCalendarPreviewDocument, { content: xml }, token);
    expect(preview.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
