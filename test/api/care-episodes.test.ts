import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CreateNormKindDocument,
  CreatePerCapitaNormDocument,
  ExpertiseDocument,
  NormKindsDocument,
  QuarterlyReportDocument,
  RegisterRefusalCaseDocument,
  RemoveFindingDocument,
} from '../../client/generated/graphql.js';
import { caseInput, twoSidedWorld } from '../helpers/fixtures.js';
import { addFinding, discuss, newEpisode, openExpertise, signExpertise } from '../helpers/expertise.js';
import { writeFingerprint } from '../helpers/fingerprint.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Findings belong to a case of care; one ground applies per case (the largest amount by default,
 * RAZBOR_EPISODE_SANCTION_RULE), and the fine's norm is the one in force when the care ended.
 */
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;
const description = 'Не проведено обследование, обязательное перед направлением на МСЭ';

beforeAll(async () => {
  vi.stubEnv('RAZBOR_TODAY', '2024-05-13');
  server = await startTestServer();
  world = await twoSidedWorld(server);
  const { createPerCapitaNorm } = await server.ok(
    CreatePerCapitaNormDocument,
    { input: { normKindCode: 'INPATIENT', amount: '25000.00', validFrom: '2024-01-01', validTo: '2024-12-31', basis: 'ТП ОМС 2024' } },
    server.adminToken,
  );
  expect(createPerCapitaNorm.errors).toEqual([]);
});
afterAll(async () => {
  await server?.stop();
  vi.unstubAllEnvs();
});

async function newEkmp(startDate = '2024-04-01', token = world.tokens.expertA) {
  const refusalCase = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, token)).registerRefusalCase.result!;
  return openExpertise(server, token, { caseId: refusalCase.id, type: 'EKMP', kind: 'TARGETED', startDate });
}
const expertiseOf = async (id: string, token = world.tokens.expertA) => (await server.ok(ExpertiseDocument, { id }, token)).expertise!;

describe('one case of care is sanctioned once', () => {
  it('two findings on one episode with Кно 0,4 and 0,3 on RT 10 000,00 give 4 000,00 (the larger), never 7 000,00', async () => {
    const e = await newEkmp();
    const larger = await addFinding(server, world.tokens.expertA, { expertiseId: e.id, code: '3.2.2', description, episode: newEpisode('10000.00') });
    expect(larger.errors).toEqual([]);
    const smaller = await addFinding(server, world.tokens.expertA, { expertiseId: e.id, code: '3.1.2', description, episodeId: larger.result!.episode.id });
    expect(smaller.errors).toEqual([]);
    expect([larger.result!.amountNotPaid, smaller.result!.amountNotPaid]).toEqual(['4000.00', '3000.00']);

    const draft = await expertiseOf(e.id);
    expect(draft.episodes).toHaveLength(1);
    expect(draft.episodes[0].sanction).toEqual({
      amountNotPaid: '4000.00',
      fine: '7500.00', // Кшт 0,3 of 3.2.2 × RP 25 000,00; 3.1.2 has Кшт 0
      notPaidGroundCode: '3.2.2',
      fineGroundCode: '3.2.2',
      explanation: 'Применено основание 3.2.2 — наибольший размер',
    });
    expect(draft.totals).toEqual({ amountNotPaid: '4000.00', fine: '7500.00', finePreliminary: true });

    await discuss(server, world.tokens.expertA, e.id, '2024-05-06');
    const signed = await signExpertise(server, world.tokens.expertA, e.id);
    expect(signed.errors).toEqual([]);
    expect(signed.result).toMatchObject({ sanctionRule: 'LARGEST_EACH', totals: { amountNotPaid: '4000.00', fine: '7500.00', finePreliminary: false } });
    expect(signed.result!.finalTotals).toEqual({ amountNotPaid: '4000.00', fine: '7500.00' });
    const report = (await server.ok(QuarterlyReportDocument, { year: 2024, quarter: 2 }, world.tokens.expertA)).quarterlyReport;
    expect(report.expertise).toMatchObject({ totalAmountNotPaid: '4000.00', totalFine: '7500.00' });
    expect(report.expertise.amountsByMo).toEqual([expect.objectContaining({ findings: 2, amountNotPaid: '4000.00', fine: '7500.00' })]);
  });

  it('another episode of the same expertise is sanctioned on its own; the report adds episodes, not findings', async () => {
    const e = await newEkmp('2024-04-02', world.tokens.expertB);
    const token = world.tokens.expertB;
    const a = (await addFinding(server, token, { expertiseId: e.id, code: '3.1.2', description, episode: newEpisode('10000.00') })).result!;
    await addFinding(server, token, { expertiseId: e.id, code: '3.2.2', description, episodeId: a.episode.id });
    await addFinding(server, token, { expertiseId: e.id, code: '3.2.1', description, episode: newEpisode('5000.00') }); // Кно 0,1
    const draft = await expertiseOf(e.id, token);
    expect(draft.episodes.map((ep) => [ep.sanction.amountNotPaid, ep.sanction.notPaidGroundCode])).toEqual([
      ['4000.00', '3.2.2'],
      ['500.00', '3.2.1'],
    ]);
    expect(draft.totals.amountNotPaid).toBe('4500.00');
    await discuss(server, token, e.id, '2024-05-06');
    expect((await signExpertise(server, token, e.id)).errors).toEqual([]);
    const report = (await server.ok(QuarterlyReportDocument, { year: 2024, quarter: 2 }, token)).quarterlyReport;
    expect(report.expertise).toMatchObject({ totalAmountNotPaid: '4500.00' });
  });

  it('removing the larger ground applies the next one; removing the last finding of an episode removes the episode', async () => {
    const e = await newEkmp();
    const token = world.tokens.expertA;
    const larger = (await addFinding(server, token, { expertiseId: e.id, code: '3.2.2', description, episode: newEpisode('10000.00') })).result!;
    const smaller = (await addFinding(server, token, { expertiseId: e.id, code: '3.1.2', description, episodeId: larger.episode.id })).result!;
    expect((await server.ok(RemoveFindingDocument, { findingId: larger.id }, token)).removeFinding.errors).toEqual([]);
    expect((await expertiseOf(e.id)).episodes.map((ep) => [ep.sanction.amountNotPaid, ep.sanction.explanation])).toEqual([
      ['3000.00', 'Применено основание 3.1.2'],
    ]);
    await server.ok(RemoveFindingDocument, { findingId: smaller.id }, token);
    expect((await expertiseOf(e.id)).episodes).toEqual([]);
    expect(await server.sql('select 1 from care_episode where expertise_id = $1', [e.id])).toHaveLength(0);
  });
});

describe('a finding names its episode, and only one of its own expertise', () => {
  it.each([
    ['an episode of another expertise', 'foreign', 'episodeId', 'NOT_FOUND'],
    ['both an episode and a new one', 'both', 'episodeId', 'INVALID'],
    ['neither', 'neither', 'episodeId', 'INVALID'],
    ['a record number already examined in this expertise', 'duplicate', 'episode.recordNumber', 'ALREADY_EXISTS'],
    ['care that ends before it starts', 'backwards', 'episode.careTo', 'INVALID'],
    ['care that ends in the future', 'future', 'episode.careTo', 'INVALID'],
    ['a kind of norm nobody defined', 'unknown-kind', 'episode.normKindCode', 'NOT_FOUND'],
  ] as const)('refuses %s at its field and writes nothing', async (_what, attack, field, code) => {
    const token = world.tokens.expertA;
    const e = await newEkmp();
    const first = (
      await addFinding(server, token, { expertiseId: e.id, code: '3.2.2', description, episode: newEpisode('100.00', { recordNumber: 'Карта № 77' }) })
    ).result!;
    const other = await newEkmp();
    const otherFinding = (await addFinding(server, token, { expertiseId: other.id, code: '3.2.2', description, episode: newEpisode('100.00') })).result!;
    const inputs = {
      foreign: { episodeId: otherFinding.episode.id },
      both: { episodeId: first.episode.id, episode: newEpisode('100.00') },
      neither: {},
      duplicate: { episode: newEpisode('200.00', { recordNumber: 'Карта № 77' }) },
      backwards: { episode: newEpisode('100.00', { careFrom: '2024-03-12', careTo: '2024-03-01' }) },
      future: { episode: newEpisode('100.00', { careTo: '2024-05-14' }) },
      'unknown-kind': { episode: newEpisode('100.00', { normKindCode: 'НЕТ_ТАКОГО' }) },
    };
    const before = await writeFingerprint(server);
    const { result, errors } = await addFinding(server, token, { expertiseId: e.id, code: '3.1.2', description, ...inputs[attack] });
    expect(result).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ field, code, message: expect.stringMatching(/[а-яА-Я]/) })]);
    expect(await writeFingerprint(server)).toBe(before);
  });

  it("another SMO's expert cannot add a finding to an episode of this SMO's expertise", async () => {
    const e = await newEkmp();
    const first = (await addFinding(server, world.tokens.expertA, { expertiseId: e.id, code: '3.2.2', description, episode: newEpisode('100.00') })).result!;
    const { result, errors } = await addFinding(server, world.tokens.expertB, { expertiseId: e.id, code: '3.1.2', description, episodeId: first.episode.id });
    expect(result).toBeNull();
    expect(errors[0]).toMatchObject({ field: 'expertiseId', code: 'NOT_FOUND' });
  });

  it("the database keeps a signed expertise's episodes as they were signed", async () => {
    const e = await newEkmp();
    const f = (await addFinding(server, world.tokens.expertA, { expertiseId: e.id, code: '3.2.2', description, episode: newEpisode('100.00') })).result!;
    await discuss(server, world.tokens.expertA, e.id, '2024-05-06');
    expect((await signExpertise(server, world.tokens.expertA, e.id)).errors).toEqual([]);
    await expect(server.sql('update care_episode set tariff = 1 where id = $1', [f.episode.id])).rejects.toThrow(/подписана/);
    await expect(server.sql('delete from care_episode where id = $1', [f.episode.id])).rejects.toThrow(/подписана/);
    await expect(
      server.sql(
        `insert into care_episode (id, expertise_id, record_number, norm_kind_id, tariff) select gen_random_uuid(), $1, 'x', norm_kind_id, 1 from care_episode where id = $2`,
        [e.id, f.episode.id],
      ),
    ).rejects.toThrow(/подписана/);
  });
});

describe("norms are the region's kinds, and the fine follows the date of care", () => {
  it('an administrator defines a kind; its norm is taken on the day the care ended, across a year boundary', async () => {
    const { createNormKind } = await server.ok(
      CreateNormKindDocument,
      { input: { code: 'подуш', name: 'Подушевое финансирование (вся помощь)' } },
      server.adminToken,
    );
    expect(createNormKind.errors).toEqual([]);
    expect(createNormKind.result).toMatchObject({ code: 'ПОДУШ' });
    const again = await server.ok(CreateNormKindDocument, { input: { code: 'ПОДУШ', name: 'x' } }, server.adminToken);
    expect(again.createNormKind.errors).toEqual([expect.objectContaining({ field: 'code', code: 'ALREADY_EXISTS' })]);
    const refused = await server.gql(CreateNormKindDocument, { input: { code: 'X1', name: 'x' } }, world.tokens.expertA);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [validFrom, validTo, amount] of [
      ['2024-01-01', '2024-12-31', '20000.00'],
      ['2025-01-01', null, '30000.00'],
    ] as const) {
      const { createPerCapitaNorm } = await server.ok(
        CreatePerCapitaNormDocument,
        { input: { normKindCode: 'ПОДУШ', amount, validFrom, validTo, basis: 'Тарифное соглашение' } },
        server.adminToken,
      );
      expect(createPerCapitaNorm.errors).toEqual([]);
    }
    expect((await server.ok(NormKindsDocument, {}, world.tokens.moA)).normKinds.map((k) => k.code)).toContain('ПОДУШ');

    vi.stubEnv('RAZBOR_TODAY', '2025-01-20');
    try {
      const e = await newEkmp('2025-01-13');
      const careOf = (careFrom: string, careTo: string) =>
        addFinding(server, world.tokens.expertA, {
          expertiseId: e.id,
          code: '3.2.2',
          description,
          episode: newEpisode('10000.00', { normKindCode: 'ПОДУШ', careFrom, careTo }),
        });
      const december = (await careOf('2024-12-20', '2024-12-28')).result!;
      const january = (await careOf('2025-01-09', '2025-01-10')).result!;
      expect([december.finePreview, january.finePreview]).toEqual(['6000.00', '9000.00']);
      await discuss(server, world.tokens.expertA, e.id, '2025-01-17');
      const signed = await signExpertise(server, world.tokens.expertA, e.id);
      expect(signed.errors).toEqual([]);
      expect(signed.result!.findings.map((f) => [f.perCapitaNorm, f.normDate, f.fine])).toEqual([
        ['20000.00', '2024-12-28', '6000.00'],
        ['30000.00', '2025-01-10', '9000.00'],
      ]);
    } finally {
      vi.stubEnv('RAZBOR_TODAY', '2024-05-13');
    }
  });
});
