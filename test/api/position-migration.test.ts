import { expect, it } from 'vitest';
import { openAppOrm } from '../../server/app/orm.js';
import { insertCaseScaffold, type Query } from '../helpers/migration-data.js';
import { useScratchDatabase } from '../helpers/scratch-database.js';

/**
 * Data written while the MO's position was kept twice: on the finding (said at the discussion) and
 * in the commission's review (its opinions). The migration makes one history of both, the later one
 * the position now, and leaves the signed finding's own copy as the act stated it.
 */
const databaseUrl = useScratchDatabase('razbor_positions');

it("carries the discussion's and the review's positions into one history, the later one current; a signed finding keeps its copy", async () => {
  const orm = await openAppOrm({ databaseUrl: databaseUrl(), statementTimeoutMs: 0 });
  try {
    await orm.getMigrator().up({ to: 'Migration20261202000724' });
    const q: Query = (sql, params = []) => orm.em.getConnection().execute(sql, params);
    const { smo, userId, caseId, catalogueId, codeId } = await insertCaseScaffold(q);
    const [expertise] = await q(
      `insert into expertise (id, refusal_case_id, smo_id, type, kind, number, expert_id, start_date, catalogue_version_id, status, findings_revision, version, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, 'EKMP', 'TARGETED', 'ЭКМП-1', ?, '2024-04-01', ?, 'DRAFT', 0, 1, now(), now()) returning id`,
      [caseId, smo, userId, catalogueId],
    );
    const [episode] = await q(
      `insert into care_episode (id, expertise_id, record_number, norm_kind_id, tariff, created_at)
       values (gen_random_uuid(), ?, 'Карта 1', (select id from norm_kind where code = 'INPATIENT'), 10000, now()) returning id`,
      [expertise.id],
    );
    const finding = async (position: string | null, comment: string | null) =>
      (
        await q(
          `insert into finding (id, expertise_id, episode_id, defect_code_id, description, amount_not_paid, mo_position, mo_comment, created_at)
           values (gen_random_uuid(), ?, ?, ?, 'д', 4000, ?, ?, now()) returning id`,
          [expertise.id, episode.id, codeId, position, comment],
        )
      )[0].id as string;
    const agreedThenDisputed = await finding('AGREES', null);
    const onlyReviewed = await finding(null, null);
    const onlyDiscussed = await finding('DISAGREES', 'Было в карте');
    await q(`update expertise set status = 'SIGNED', conclusion_date = '2024-05-01', signed_at = now() - interval '1 day' where id = ?`, [expertise.id]);
    const opinions = [
      { findingId: agreedThenDisputed, agrees: false, comment: 'Комиссия не согласна' },
      { findingId: onlyReviewed, agrees: true, comment: null },
    ];
    await q(
      `insert into commission_review (id, refusal_case_id, protocol_number, protocol_date, members, causes, conclusion, agrees_with_findings, finding_opinions,
                                      recorded_by_id, version, created_at, updated_at)
       values (gen_random_uuid(), ?, 'ВК-1', '2024-05-10', '[]', '[]', 'з', false, ?::jsonb, ?, 1, now(), now())`,
      [caseId, JSON.stringify(opinions), userId],
    );

    await orm.getMigrator().up();

    const current = await q(
      `select distinct on (finding_id) finding_id, position, comment, source from finding_position order by finding_id, recorded_at desc`,
    );
    const byFinding = new Map((current as Array<{ finding_id: string }>).map((row) => [row.finding_id, row]));
    expect(byFinding.get(agreedThenDisputed)).toMatchObject({ position: 'DISAGREES', comment: 'Комиссия не согласна', source: 'COMMISSION_REVIEW' });
    expect(byFinding.get(onlyReviewed)).toMatchObject({ position: 'AGREES', comment: null, source: 'COMMISSION_REVIEW' });
    expect(byFinding.get(onlyDiscussed)).toMatchObject({ position: 'DISAGREES', comment: 'Было в карте', source: 'DISCUSSION' });
    expect(await q(`select count(*)::int as n from finding_position where finding_id = ?`, [agreedThenDisputed])).toEqual([{ n: 2 }]);
    // The signed finding's copy is what its act states.
    expect(await q(`select mo_position from finding where id = ?`, [agreedThenDisputed])).toEqual([{ mo_position: 'AGREES' }]);
  } finally {
    await orm.close(true);
  }
});
