import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CreatePerCapitaNormDocument,
  RecordActDeliveryDocument,
  RecordActReceiptDocument,
  RegisterAppealDocument,
  RegisterRefusalCaseDocument,
  SettleAppealDocument,
  SubmitQuarterlyReportDocument,
} from '../../client/generated/graphql.js';
import { expectFitsThePage } from '../helpers/documents.js';
import { addFinding, discuss, newEpisode, openExpertise, repeatExpertise, signExpertise } from '../helpers/expertise.js';
import { caseInput, twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * LibreOffice takes seconds per document, more on a busy machine: these tests have minutes.
 *
 * The act as the MO receives it and the covering letter as the fund does: opened with LibreOffice
 * (CI installs it; locally the page counts are skipped, loudly, without it), no table wider
 * than the page, a four-finding act on at most two pages, amounts with thousands and in words.
 */
const NBSP = '\u00a0';
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  vi.stubEnv('RAZBOR_TODAY', '2024-05-13');
  server = await startTestServer();
  world = await twoSidedWorld(server);
  await server.ok(
    CreatePerCapitaNormDocument,
    { input: { normKindCode: 'INPATIENT', amount: '25000.00', validFrom: '2024-01-01', validTo: '2024-12-31', basis: 'ТП ОМС 2024' } },
    server.adminToken,
  );
});
afterAll(async () => {
  await server?.stop();
  vi.unstubAllEnvs();
});

const download = async (path: string, token: string) => {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
};

describe('the act of an expertise', () => {
  it('a four-finding act fits two pages at every step, with full wording, amounts in words, the expert, the appeal rule and the fund decision', async () => {
    const token = world.tokens.expertA;
    const refusalCase = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, token)).registerRefusalCase.result!;
    const e = await openExpertise(server, token, { caseId: refusalCase.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
    const description = 'Не проведена МРТ головного мозга до направления на МСЭ, несмотря на очаговую неврологическую симптоматику';
    const first = (await addFinding(server, token, { expertiseId: e.id, code: '3.2.2', description, episode: newEpisode('45210.50') })).result!;
    await addFinding(server, token, { expertiseId: e.id, code: '3.1.2', description, episodeId: first.episode.id });
    const second = (await addFinding(server, token, { expertiseId: e.id, code: '3.2.1', description, episode: newEpisode('12000.00') })).result!;
    await addFinding(server, token, { expertiseId: e.id, code: '3.14.1', description, episodeId: second.episode.id });
    const actPath = `/expertises/${e.id}/act.docx`;

    const draft = await expectFitsThePage(await download(actPath, token), 2);
    expect(draft.headers).toContain('ПРОЕКТ');
    expect(draft.tables).toHaveLength(1);
    expect(draft.text).toContain(`18${NBSP}084,20${NBSP}₽`);
    // Sub-item wording with its group's text.
    expect(draft.text).toMatch(/Выполнение непоказанных|Невыполнение, несвоевременное или ненадлежащее выполнение/);
    expect(draft.text).toContain('№ в реестре экспертов 15-0101');
    // The diagnosis is named as the МКБ-10 in force names it.
    expect(draft.text).toMatch(/диагноз I63\.5 \(Инфаркт мозга, вызванный неуточненной закупоркой/);
    expect(draft.text).toContain('Применено основание 3.2.2 — наибольший размер');

    await discuss(server, token, e.id, '2024-05-06');
    expect((await signExpertise(server, token, e.id)).errors).toEqual([]);
    const signed = await expectFitsThePage(await download(actPath, world.tokens.moA), 2);
    expect(signed.headers).not.toContain('ПРОЕКТ');
    expect(signed.text).toContain(`Итого не подлежит оплате: 19${NBSP}284,20${NBSP}₽ (девятнадцать тысяч двести восемьдесят четыре рубля 20 копеек)`);
    expect(signed.text).toContain('RP 25 000,00 ₽ на 12.03.2024'.replaceAll(' ', NBSP).replace(`RP${NBSP}`, 'RP ').replace(`${NBSP}на${NBSP}`, ' на '));
    expect(signed.text).toContain('в течение 15 рабочих дней со дня получения акта');
    expect(signed.text).toContain('Отметка медицинской организации о получении акта');
    expect(signed.text).toContain('Руководитель');

    await server.ok(RecordActDeliveryDocument, { input: { expertiseId: e.id, sentOn: '2024-05-13', method: 'HAND' } }, token);
    await server.ok(
      RecordActReceiptDocument,
      {
        input: {
          expertiseId: e.id,
          receivedOn: '2024-05-13',
          signedWithDisagreement: true,
          objections: [{ findingId: first.id, text: 'МРТ назначена, пациент отказался' }],
        },
      },
      world.tokens.moA,
    );
    const received = await expectFitsThePage(await download(actPath, world.tokens.moA), 2);
    expect(received.text).toContain('Акт получен медицинской организацией 13.05.2024: срок обжалования — по 03.06.2024 включительно.');
    expect(received.text).toContain('Разногласие по коду 3.2.2: МРТ назначена, пациент отказался');

    await server.ok(RegisterAppealDocument, { input: { expertiseId: e.id, filedOn: '2024-05-13', grounds: 'Не согласны' } }, world.tokens.moA);
    const settled = await server.ok(
      SettleAppealDocument,
      { input: { expertiseId: e.id, outcome: 'OVERTURNED', decidedOn: '2024-05-13', repeatExpertise: repeatExpertise('2024-05-13') } },
      world.tokens.monitoring,
    );
    expect(settled.settleAppeal.errors).toEqual([]);
    const overturned = await expectFitsThePage(await download(actPath, world.tokens.monitoring), 2);
    expect(overturned.text).toContain(
      'Решение ТФОМС от 13.05.2024 (повторная ЭКМП от 13.05.2024): заключение отменено. Суммы по настоящему заключению не применяются',
    );
  }, 300_000);
});

describe('the quarterly covering letter', () => {
  it('is addressed to the fund, carries its outgoing number and date once submitted, and keeps every text whole', async () => {
    const token = world.tokens.expertB;
    const partiesB = { ...world.parties };
    const refusalCase = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(partiesB) }, token)).registerRefusalCase.result!;
    const e = await openExpertise(server, token, { caseId: refusalCase.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
    await addFinding(server, token, { expertiseId: e.id, code: '3.2.2', description: 'Нет МРТ', episode: newEpisode('10000.00') });
    await discuss(server, token, e.id, '2024-05-06');
    expect((await signExpertise(server, token, e.id)).errors).toEqual([]);

    const live = await expectFitsThePage(await download('/reports/quarterly.docx?year=2024&quarter=2', token), 6);
    expect(live.headers).toContain('ПРОЕКТ');
    expect(live.tables.length).toBeGreaterThan(5);
    expect(live.text).toContain('Исх. № __________');

    vi.stubEnv('RAZBOR_TODAY', '2024-07-05');
    try {
      const { submitQuarterlyReport } = await server.ok(SubmitQuarterlyReportDocument, { year: 2024, quarter: 2 }, token);
      expect(submitQuarterlyReport.errors).toEqual([]);
      const letter = await expectFitsThePage(await download(`/reports/submissions/${submitQuarterlyReport.result!.id}.docx`, world.tokens.monitoring), 6);
      expect(letter.headers).not.toContain('ПРОЕКТ');
      expect(letter.text).toContain(world.organisations.smoB.fullName);
      expect(letter.text).toContain(world.organisations.fund.fullName);
      expect(letter.text).toContain('Исх. № МСЭ-2024-2/1 от 05.07.2024');
      expect(letter.text).toContain(`4${NBSP}000,00${NBSP}₽ (четыре тысячи рублей 00 копеек)`);
      // The defect's whole text, not cut after 120 characters.
      expect(letter.text).toContain('(за исключением случаев отказа застрахованного лица от');
    } finally {
      vi.stubEnv('RAZBOR_TODAY', '2024-05-13');
    }
  }, 300_000);
});
