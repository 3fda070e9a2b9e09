import { expect, it } from 'vitest';
import { openAppOrm } from '../../server/app/orm.js';
import { insertCaseScaffold, type Query } from '../helpers/migration-data.js';
import { useScratchDatabase } from '../helpers/scratch-database.js';

/**
 * Data written before cases of care: findings carry their episode as text and their tariff, and
 * norms a fixed kind. The migration gives each expertise one episode per distinct (text, tariff),
 * keeps signed conclusions' amounts as their acts stated, and moves norms to kinds.
 */
const databaseUrl = useScratchDatabase('razbor_episodes');

it('gives each expertise one episode per distinct episode text and tariff, and keeps signed amounts as signed', async () => {
  const orm = await openAppOrm({ databaseUrl: databaseUrl(), statementTimeoutMs: 0 });
  try {
    await orm.getMigrator().up({ to: 'Migration20261201160000' });
    const q: Query = (sql, params = []) => orm.em.getConnection().execute(sql, params);
    const { smo, userId, caseId, catalogueId, codeId } = await insertCaseScaffold(q);
    await q(`insert into per_capita_norm (id, care_kind, amount, valid_from, basis) values (gen_random_uuid(), 'INPATIENT', 25000, '2024-01-01', 'ТП')`);
    const expertise = async (number: string) =>
      (
        await q(
          `insert into expertise (id, refusal_case_id, smo_id, type, kind, number, expert_id, start_date, catalogue_version_id, status, findings_revision, version, created_at, updated_at)
           values (gen_random_uuid(), ?, ?, 'EKMP', 'TARGETED', ?, ?, '2024-04-01', ?, 'DRAFT', 0, 1, now(), now()) returning id`,
          [caseId, smo, number, userId, catalogueId],
        )
      )[0].id as string;
    const signed = await expertise('ЭКМП-1');
    const draft = await expertise('ЭКМП-2');
    const finding = (expertiseId: string, episode: string, kind: string, tariff: string, notPaid: string) =>
      q(
        `insert into finding (id, expertise_id, defect_code_id, description, care_episode, care_kind, tariff, amount_not_paid, created_at)
         values (gen_random_uuid(), ?, ?, 'д', ?, ?, ?, ?, now()) returning id`,
        [expertiseId, codeId, episode, kind, tariff, notPaid],
      );
    await finding(signed, 'Карта 1', 'INPATIENT', '10000.00', '4000.00');
    await finding(signed, 'Карта 1', 'INPATIENT', '10000.00', '3000.00');
    await finding(signed, 'Карта 1', 'INPATIENT', '500.00', '200.00');
    await finding(signed, 'Карта 2', 'OUTPATIENT', '10000.00', '4000.00');
    await finding(draft, 'Карта 1', 'DAY_HOSPITAL', '10000.00', '4000.00');
    await q(`update expertise set status = 'SIGNED', conclusion_date = '2024-05-01' where id = ?`, [signed]);

    await orm.getMigrator().up();

    const episodes = await q(
      `select e.number, ep.record_number, ep.tariff::text, k.code as kind, count(f.id)::int as findings
         from care_episode ep join expertise e on e.id = ep.expertise_id join norm_kind k on k.id = ep.norm_kind_id join finding f on f.episode_id = ep.id
        group by 1, 2, 3, 4 order by 1, 2, min(ep.tariff)`,
    );
    expect(episodes).toEqual([
      { number: 'ЭКМП-1', record_number: 'Карта 1', tariff: '500.00', kind: 'INPATIENT', findings: 1 },
      { number: 'ЭКМП-1', record_number: 'Карта 1', tariff: '10000.00', kind: 'INPATIENT', findings: 2 },
      { number: 'ЭКМП-1', record_number: 'Карта 2', tariff: '10000.00', kind: 'OUTPATIENT', findings: 1 },
      { number: 'ЭКМП-2', record_number: 'Карта 1', tariff: '10000.00', kind: 'DAY_HOSPITAL', findings: 1 },
    ]);
    expect(await q(`select number, sanction_rule from expertise order by number`)).toEqual([
      { number: 'ЭКМП-1', sanction_rule: 'EVERY_GROUND' },
      { number: 'ЭКМП-2', sanction_rule: null },
    ]);
    expect(await q(`select k.code, n.amount::text from per_capita_norm n join norm_kind k on k.id = n.norm_kind_id`)).toEqual([
      { code: 'INPATIENT', amount: '25000.00' },
    ]);
    await expect(q(`update finding set amount_not_paid = 1 where expertise_id = ?`, [signed])).rejects.toThrow(/подписана/);
  } finally {
    await orm.close(true);
  }
});
