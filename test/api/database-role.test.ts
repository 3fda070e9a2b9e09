import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddFindingDocument, RegisterRefusalCaseDocument } from '../../client/generated/graphql.js';
import { caseWithFinding, discuss, newEpisode, openExpertise as openExpertiseOn } from '../helpers/expertise.js';
import { caseInput, recordReview, twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Everything below is tried as the API's own database role, as an attacker who took over the API
 * process (or injected SQL into it) would: nothing the API never does may succeed.
 */
let server: TestServer;
let api: pg.Client;
let signedExpertise: { id: string; findingId: string };
let draftExpertiseId: string;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;
let openExpertise: () => Promise<{ id: string; findingId: string }>;
let signExpertise: (expertise: { id: string; findingId: string }) => Promise<{ id: string; findingId: string }>;

beforeAll(async () => {
  server = await startTestServer();
  api = new pg.Client({ connectionString: server.razbor.apiDatabaseUrl });
  await api.connect();
  world = await twoSidedWorld(server);
  openExpertise = async () => {
    const { expertise: e, finding: f } = await caseWithFinding(server, world, '100.00');
    return { id: e.id, findingId: f.id };
  };
  signedExpertise = await signed(await openExpertise());
  draftExpertiseId = (await openExpertise()).id;
  async function signed(expertise: { id: string; findingId: string }) {
    await discuss(server, world.tokens.expertA, expertise.id, '2024-05-06');
    // Signed by the owner's hand: the signing rules (norms, calendar) are tested elsewhere.
    await server.sql(`update expertise set status = 'SIGNED', conclusion_date = '2024-05-07', signed_at = now() where id = $1`, [expertise.id]);
    return expertise;
  }
  signExpertise = signed;
});
afterAll(async () => {
  await api?.end();
  await server?.stop();
});

const refused = async (
  sql: string,
  params: unknown[] = [],
  pattern = /permission denied|must be owner|must be superuser|не изменяется|не удаляется|урегулирована без решения|уже записано|не удаляются/,
) => {
  await api.query('begin');
  try {
    await expect(api.query(sql, params)).rejects.toThrow(pattern);
  } finally {
    await api.query('rollback');
  }
};

describe('the API’s database role', () => {
  it('is not a superuser and owns nothing', async () => {
    const { rows } = await api.query(`select rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = current_user`);
    expect(rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false }]);
    const { rows: owned } = await api.query(`select count(*)::int as n from pg_class where relowner = (select oid from pg_roles where rolname = current_user)`);
    expect(owned[0].n).toBe(0);
  });

  it.each([
    ['truncate signed findings', 'truncate finding cascade'],
    ['truncate the history', 'truncate case_history cascade'],
    ['truncate submitted reports', 'truncate report_submission cascade'],
    ['disable the guards', 'alter table finding disable trigger all'],
    ['drop a guard', 'drop trigger finding_frozen_after_signing on finding'],
    ['replace a guard function', `create or replace function razbor_guard_signed_children() returns trigger language plpgsql as $$ begin return new; end $$`],
    ['switch triggers off for the session', `set session_replication_role = replica`],
    ['run a shell command', `copy app_setting from program 'id'`],
    ['create a table', 'create table public.mine (x int)'],
    ['rewrite the migrations bookkeeping', `delete from mikro_orm_migrations`],
    ['rewrite the history', `update case_history set summary = 'x'`],
    ['delete the history', `delete from case_history`],
    ['read the API role’s own password', `select * from razbor_private.credential`],
    [
      'widen an organisation’s search to every organisation',
      `create or replace function dated_search_query(scope uuid, year int, query tsquery) returns tsquery language sql immutable as $$ select query $$`,
    ],
    ['drop an organisation’s search index', 'drop index refusal_case_smo_dated_search_index'],
  ])('cannot %s', async (_name, sql) => {
    await refused(sql);
  });

  it("cannot rewrite or delete the MO's positions on findings, nor a plan item's history", async () => {
    await server.sql(`insert into finding_position (id, finding_id, position, source) values (gen_random_uuid(), $1, 'DISAGREES', 'DISCUSSION')`, [
      signedExpertise.findingId,
    ]);
    const [{ id: smoId }] = await server.sql<{ id: string }>(`select smo_id as id from expertise where id = $1`, [signedExpertise.id]);
    await server.sql(
      `with p as (insert into improvement_plan (id, smo_id, year, quarter, created_by_id) select gen_random_uuid(), $1, 2030, 1, id from app_user limit 1 returning id),
            i as (insert into plan_item (id, plan_id, measure, responsible_organisation, responsible_person, due_date) select gen_random_uuid(), p.id, 'м', 'о', 'л', '2030-03-01' from p returning id)
       insert into plan_item_history (id, item_id, summary) select gen_random_uuid(), i.id, 'Пункт добавлен в план' from i`,
      [smoId],
    );
    await refused(`update finding_position set position = 'AGREES' where finding_id = $1`, [signedExpertise.findingId]);
    await refused(`delete from finding_position where finding_id = $1`, [signedExpertise.findingId]);
    // A draft's finding deleted takes its positions with it.
    const [{ id: draftFinding }] = await server.sql<{ id: string }>(`select id from finding where expertise_id = $1`, [draftExpertiseId]);
    await server.sql(`insert into finding_position (id, finding_id, position, source) values (gen_random_uuid(), $1, 'AGREES', 'DISCUSSION')`, [draftFinding]);
    await api.query(`delete from finding where id = $1`, [draftFinding]);
    expect((await server.sql(`select 1 from finding_position where finding_id = $1`, [draftFinding])).length).toBe(0);
    await refused(`update plan_item_history set summary = 'x'`);
    await refused(`delete from plan_item_history`);
  });

  it('cannot move a signed finding to a draft expertise, delete it, or change its amount', async () => {
    await refused(`update finding set expertise_id = $1 where id = $2`, [draftExpertiseId, signedExpertise.findingId]);
    await refused(`delete from finding where id = $1`, [signedExpertise.findingId]);
    await refused(`update finding set amount_not_paid = 0 where id = $1`, [signedExpertise.findingId]);
  });

  it('cannot move a signed expertise’s status except along the appeal', async () => {
    await refused(`update expertise set status = 'DISPUTED' where id = $1`, [signedExpertise.id]);
    await refused(`update expertise set status = 'SETTLED' where id = $1`, [signedExpertise.id]);
    await refused(`update expertise set status = 'DRAFT' where id = $1`, [signedExpertise.id]);
    // Disputed with an appeal, but settled without the fund's decision: refused at commit.
    await api.query('begin');
    try {
      const [{ id: user }] = (await api.query(`select id from app_user limit 1`)).rows;
      await api.query(`insert into expertise_appeal (id, expertise_id, filed_on, grounds, filed_by_id) values (gen_random_uuid(), $1, '2024-05-10', 'x', $2)`, [
        signedExpertise.id,
        user,
      ]);
      await api.query(`update expertise set status = 'DISPUTED' where id = $1`, [signedExpertise.id]);
      await api.query(`update expertise set status = 'SETTLED' where id = $1`, [signedExpertise.id]);
      await expect(api.query('commit')).rejects.toThrow(/урегулирована без решения/);
    } finally {
      await api.query('rollback').catch(() => undefined);
    }
  });
});

/** Copies of the person's fields that a case carries for the reports, each kept by the database from the person's record. */
const personCopies = [
  {
    what: 'ЕНП (the fund’s repeat refusals across insurers count by it)',
    column: 'person_enp',
    personColumn: 'enp',
    forged: '9000000000000001',
    corrected: '9000000000000019',
    refusal: /не совпадает с ЕНП его застрахованного лица/,
  },
  {
    what: 'birth date (the section of the 402н/631н list reads it)',
    column: 'person_birth_date',
    personColumn: 'birth_date',
    forged: '2015-01-01',
    corrected: '1961-02-03',
    refusal: /не совпадает с датой рождения его застрахованного лица/,
  },
];

describe.each(personCopies)('a case’s copy of its person’s $what', ({ column, personColumn, forged, corrected, refusal }) => {
  const valueOf = async (id: string) =>
    (await api.query<{ value: string }>(`select ${column}::text as value from refusal_case where id = $1`, [id])).rows[0].value;
  const someCase = async () => (await api.query<{ id: string; person_id: string }>(`select id, person_id from refusal_case order by number limit 1`)).rows[0];
  const copied = (name: string) => (name === column ? `$2::${column === 'person_enp' ? 'text' : 'date'}` : name);

  it('cannot be set to another value by the API’s role: the database keeps the person’s', async () => {
    const { id } = await someCase();
    const before = await valueOf(id);
    await api.query(`update refusal_case set ${column} = $2 where id = $1`, [id, forged]);
    expect(await valueOf(id)).toBe(before);
  });

  it('cannot be written wrong with a new case: refused at commit', async () => {
    const { id } = await someCase();
    await api.query('begin');
    try {
      await api.query(
        `insert into refusal_case (id, number, person_id, person_enp, person_birth_date, smo_id, mo_id, bureau_id, referral_number, referral_date, refusal_date,
                                   refusal_document_number, main_diagnosis, missing_examinations, registered_by_id, search_text, created_at)
         select gen_random_uuid(), number || '-копия', person_id, ${copied('person_enp')}, ${copied('person_birth_date')}, smo_id, mo_id, bureau_id,
                referral_number, referral_date, refusal_date - 1, refusal_document_number, main_diagnosis, missing_examinations, registered_by_id, search_text, now()
           from refusal_case where id = $1`,
        [id, forged],
      );
      await expect(api.query('commit')).rejects.toThrow(refusal);
    } finally {
      await api.query('rollback').catch(() => undefined);
    }
  });

  it('follows the person’s record when it is corrected', async () => {
    const { id, person_id } = await someCase();
    await server.sql(`update insured_person set ${personColumn} = $2 where id = $1`, [person_id, corrected]);
    expect(await valueOf(id)).toBe(corrected);
  });
});

describe('the coded examinations a case names missing, as rows (the report’s «missing before» probes them)', () => {
  const rowsOf = async (id: string) =>
    (
      await api.query<{ nmu_code: string; mo_id: string; refusal_date: string }>(
        `select nmu_code, mo_id, to_char(refusal_date, 'YYYY-MM-DD') as refusal_date from missing_examination where refusal_case_id = $1 order by nmu_code`,
        [id],
      )
    ).rows;
  const codedCase = async () => {
    const input = caseInput(world.parties);
    const examinations = [
      { name: 'ЭКГ', nmuCode: 'A05.10.006', namedByBureau: false },
      { name: 'МРТ', namedByBureau: true },
    ];
    return (await server.ok(RegisterRefusalCaseDocument, { input: { ...input, missingExaminations: examinations } }, world.tokens.expertA)).registerRefusalCase
      .result!;
  };

  it('are written by the database from the case, and refused to the API’s role', async () => {
    const c = await codedCase();
    expect(await rowsOf(c.id)).toEqual([{ nmu_code: 'A05.10.006', mo_id: world.organisations.moA.id, refusal_date: expect.any(String) as string }]);
    const kept = /ведёт база данных/;
    await refused(`insert into missing_examination select $1, 'B01.023.001', smo_id, mo_id, refusal_date from refusal_case where id = $1`, [c.id], kept);
    await refused(`delete from missing_examination where refusal_case_id = $1`, [c.id], kept);
    await refused(`update missing_examination set refusal_date = '2000-01-01' where refusal_case_id = $1`, [c.id], kept);
  });

  it('follow the case: a code added and one dropped, another MO, another date', async () => {
    const c = await codedCase();
    await api.query(
      `update refusal_case set missing_examinations = '[{"name": "Невролог", "nmuCode": "B01.023.001", "namedByBureau": false}, {"name": "Невролог", "nmuCode": "B01.023.001", "namedByBureau": true}]',
              mo_id = $2, refusal_date = '2024-05-21' where id = $1`,
      [c.id, world.organisations.moB.id],
    );
    expect(await rowsOf(c.id)).toEqual([{ nmu_code: 'B01.023.001', mo_id: world.organisations.moB.id, refusal_date: '2024-05-21' }]);
    await api.query(`update refusal_case set remarks = 'без изменения обследований' where id = $1`, [c.id]);
    expect(await rowsOf(c.id)).toHaveLength(1);
    await api.query(`update refusal_case set missing_examinations = '[{"name": "МРТ", "namedByBureau": false}]' where id = $1`, [c.id]);
    expect(await rowsOf(c.id)).toEqual([]);
  });
});

describe('a guard’s refusal that reaches a mutation', () => {
  it('comes back as a typed error in the guard’s words, not as an internal error', async () => {
    const world = await twoSidedWorld(server);
    const { expertise: e } = await caseWithFinding(server, world, '100.00');
    // The status the service reads says "draft"; the guard sees the expertise as signed (as a writer that committed in between would leave it).
    await server.sql(
      `create function pretend_signed() returns trigger language plpgsql as $$ begin raise exception 'Экспертиза подписана: finding не изменяется' using errcode = 'integrity_constraint_violation'; end $$`,
    );
    await server.sql(`create trigger pretend_signed before insert or update on finding for each row execute function pretend_signed()`);
    try {
      const answer = await server.gql(
        AddFindingDocument,
        { input: { expertiseId: e.id, code: '3.2.1', description: 'Ещё одно', episode: newEpisode('100.00') } },
        world.tokens.expertA,
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.addFinding.errors).toEqual([{ field: null, code: 'NOT_ALLOWED', message: 'Экспертиза подписана: finding не изменяется' }]);
    } finally {
      await server.sql(`drop trigger pretend_signed on finding; drop function pretend_signed()`);
    }
  });

  it('cannot rewrite or delete a recorded sending or receipt of an act: the appeal window runs from it', async () => {
    const [{ id: user }] = (await api.query(`select id from app_user limit 1`)).rows;
    await server.sql(
      `insert into expertise_act_delivery (id, expertise_id, sent_on, method, sent_by_id, received_on, receipt_recorded_by_id, created_at)
       values (gen_random_uuid(), $1, '2024-05-07', 'HAND', $2, '2024-05-08', $2, now())`,
      [signedExpertise.id, user],
    );
    await refused(`update expertise_act_delivery set received_on = '2024-06-01' where expertise_id = $1`, [signedExpertise.id]);
    await refused(`update expertise_act_delivery set sent_on = '2024-05-08', method = 'MAIL' where expertise_id = $1`, [signedExpertise.id]);
    await refused(`update expertise_act_delivery set expertise_id = $1 where expertise_id = $2`, [draftExpertiseId, signedExpertise.id]);
    await refused(`delete from expertise_act_delivery where expertise_id = $1`, [signedExpertise.id]);
  });
});

describe('an expertise’s mark that its act was sent or received (the SMO’s «Мои задачи» index reads it)', () => {
  const actRecorded = async (id: string) =>
    (await api.query<{ act_recorded: boolean }>(`select act_recorded from expertise where id = $1`, [id])).rows[0].act_recorded;

  it('cannot be set by the API’s role: the database keeps it from the act’s delivery, and a signed expertise stays frozen', async () => {
    const expertise = await signExpertise(await openExpertise());
    // An act «sent» by a forged mark would vanish from the SMO's tasks.
    await api.query(`update expertise set act_recorded = true where id = $1`, [expertise.id]);
    expect(await actRecorded(expertise.id)).toBe(false);
    await api.query(`update expertise set act_recorded = true where id = $1`, [draftExpertiseId]);
    expect(await actRecorded(draftExpertiseId)).toBe(false);
    await refused(`update expertise set act_recorded = true, number = number || '-2' where id = $1`, [expertise.id]);

    const [{ id: user }] = (await api.query(`select id from app_user limit 1`)).rows;
    await api.query(
      `insert into expertise_act_delivery (id, expertise_id, sent_on, method, sent_by_id, created_at) values (gen_random_uuid(), $1, '2024-05-08', 'MAIL', $2, now())`,
      [expertise.id, user],
    );
    expect(await actRecorded(expertise.id)).toBe(true);
    await api.query(`update expertise set act_recorded = false where id = $1`, [expertise.id]);
    expect(await actRecorded(expertise.id)).toBe(true);
  });
});

describe('a case’s marks that an expertise was opened and a review recorded («Мои задачи» indexes read them)', () => {
  const marks = async (id: string) =>
    (await api.query<{ has_expertise: boolean; has_review: boolean }>(`select has_expertise, has_review from refusal_case where id = $1`, [id])).rows[0];

  it('follow the expertises and the review, whatever the API’s role writes', async () => {
    const withExpertise = (await api.query<{ id: string }>(`select refusal_case_id as id from expertise where id = $1`, [draftExpertiseId])).rows[0].id;
    expect(await marks(withExpertise)).toEqual({ has_expertise: true, has_review: false });
    // Forged marks would take the case out of (or into) the SMO's and the fund's queues.
    await api.query(`update refusal_case set has_expertise = false, has_review = true where id = $1`, [withExpertise]);
    expect(await marks(withExpertise)).toEqual({ has_expertise: true, has_review: false });

    const bare = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, world.tokens.expertA)).registerRefusalCase.result!.id;
    expect(await marks(bare)).toEqual({ has_expertise: false, has_review: false });
    // The draft expertise moved to the bare case: both cases follow.
    await api.query(`update expertise set refusal_case_id = $1 where id = $2`, [bare, draftExpertiseId]);
    expect(await marks(bare)).toEqual({ has_expertise: true, has_review: false });
    expect(await marks(withExpertise)).toEqual({ has_expertise: false, has_review: false });

    await recordReview(server, world.tokens.moA, bare);
    expect(await marks(bare)).toEqual({ has_expertise: true, has_review: true });
    await api.query(`update refusal_case set has_review = false where id = $1`, [bare]);
    expect(await marks(bare)).toEqual({ has_expertise: true, has_review: true });
  });

  it('follow both when the SMO opens an expertise and the MO records its review at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const id = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, world.tokens.expertA)).registerRefusalCase.result!.id;
      await Promise.all([
        openExpertiseOn(server, world.tokens.expertA, { caseId: id, type: 'MEE', kind: 'TARGETED', startDate: '2024-04-01' }),
        recordReview(server, world.tokens.moA, id),
      ]);
      expect(await marks(id)).toEqual({ has_expertise: true, has_review: true });
    }
  });
});

describe('a corrective action’s case (the report looks actions up only for cases with a review)', () => {
  const caseOf = async (actionId: string) =>
    (await api.query<{ refusal_case_id: string }>(`select refusal_case_id from corrective_action where id = $1`, [actionId])).rows[0].refusal_case_id;
  const newCase = async () =>
    (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, world.tokens.expertA)).registerRefusalCase.result!.id;

  it('is its review’s case, whatever the API’s role writes, and follows the review', async () => {
    const reviewed = await newCase();
    const review = (
      await recordReview(server, world.tokens.moA, reviewed, {
        actions: [{ description: 'Обучение врачей', type: 'CORRECTIVE', ownerName: 'Петров', ownerPosition: 'главный врач', dueDate: '2024-12-01' }],
      })
    ).result!;
    const actionId = review.actions[0].id;
    expect(await caseOf(actionId)).toBe(reviewed);
    // Moved to a case without a review, the action would drop out of the report's count.
    const bare = await newCase();
    await api.query(`update corrective_action set refusal_case_id = $1 where id = $2`, [bare, actionId]);
    expect(await caseOf(actionId)).toBe(reviewed);
    await expect(
      api.query(
        `insert into corrective_action (id, review_id, refusal_case_id, description, type, owner_name, owner_position, due_date)
         values (gen_random_uuid(), $1, $2, 'x', 'CORRECTIVE', 'А', 'врач', '2024-12-01') returning refusal_case_id`,
        [review.id, bare],
      ),
    ).resolves.toMatchObject({ rows: [{ refusal_case_id: reviewed }] });
    // The review moved to the bare case: its actions go with it.
    await api.query(`update commission_review set refusal_case_id = $1 where id = $2`, [bare, review.id]);
    expect(await caseOf(actionId)).toBe(bare);
  });

  it('follows the review when an action is added while the review moves', async () => {
    const reviewed = await newCase();
    const review = (await recordReview(server, world.tokens.moA, reviewed)).result!;
    const elsewhere = await newCase();
    const mover = new pg.Client({ connectionString: server.razbor.apiDatabaseUrl });
    await mover.connect();
    try {
      await mover.query('begin');
      await mover.query(`update commission_review set refusal_case_id = $1 where id = $2`, [elsewhere, review.id]);
      // Added while the move is not committed: it must not keep the case the review is leaving.
      const added = api.query<{ id: string }>(
        `insert into corrective_action (id, review_id, refusal_case_id, description, type, owner_name, owner_position, due_date)
         values (gen_random_uuid(), $1, $2, 'x', 'CORRECTIVE', 'А', 'врач', '2024-12-01') returning id`,
        [review.id, reviewed],
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await mover.query('commit');
      expect(await caseOf((await added).rows[0].id)).toBe(elsewhere);
    } finally {
      await mover.end();
    }
  });
});

describe('an expertise’s counts of its findings’ positions (the report’s share of disagreements reads them)', () => {
  const counts = async (id: string) =>
    (
      await api.query<{ findings_positioned: number; findings_disagreed: number }>(
        `select findings_positioned, findings_disagreed from expertise where id = $1`,
        [id],
      )
    ).rows[0];
  const position = (findingId: string, said: 'AGREES' | 'DISAGREES') =>
    server.sql(`insert into finding_position (id, finding_id, position, source) values (gen_random_uuid(), $1, $2, 'COMMISSION_REVIEW')`, [findingId, said]);

  it('follow the positions recorded after signing, whatever the API’s role writes, and the signed expertise stays frozen', async () => {
    const expertise = await signExpertise(await openExpertise());
    expect(await counts(expertise.id)).toEqual({ findings_positioned: 0, findings_disagreed: 0 });
    await position(expertise.findingId, 'DISAGREES');
    expect(await counts(expertise.id)).toEqual({ findings_positioned: 1, findings_disagreed: 1 });
    // A forged count would hide the MO's disagreement from the fund's report.
    await api.query(`update expertise set findings_disagreed = 0, findings_positioned = 7 where id = $1`, [expertise.id]);
    expect(await counts(expertise.id)).toEqual({ findings_positioned: 1, findings_disagreed: 1 });
    await refused(`update expertise set findings_disagreed = 0, number = number || '-2' where id = $1`, [expertise.id]);
    await position(expertise.findingId, 'AGREES');
    expect(await counts(expertise.id)).toEqual({ findings_positioned: 1, findings_disagreed: 0 });
  });
});

describe('a case’s marks that its person was refused before (the report’s repeat refusals read them)', () => {
  const marks = async (id: string) =>
    (
      await api.query<{ in_smo: boolean; by_enp: boolean }>(
        `select refused_before_in_smo as in_smo, refused_before_by_enp as by_enp from refusal_case where id = $1`,
        [id],
      )
    ).rows[0];

  it('cannot be set by the API’s role: the database keeps the rule’s answer', async () => {
    const { registerRefusalCase } = await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, world.tokens.expertA);
    const id = registerRefusalCase.result!.id;
    expect(await marks(id)).toEqual({ in_smo: false, by_enp: false });
    await api.query(`update refusal_case set refused_before_in_smo = true, refused_before_by_enp = true where id = $1`, [id]);
    expect(await marks(id)).toEqual({ in_smo: false, by_enp: false });
  });
});

describe('an expertise’s MO (the report groups and scopes expertises by it)', () => {
  const moOf = async (id: string) => (await api.query<{ mo_id: string }>(`select mo_id from expertise where id = $1`, [id])).rows[0].mo_id;

  it('is its case’s, whatever the API’s role writes, and follows the case to another MO after signing', async () => {
    const expertise = await signExpertise(await openExpertise());
    const { moA, moB } = world.organisations;
    expect(await moOf(expertise.id)).toBe(moA.id);
    // A forged MO would move the amounts to another MO's row of the fund's report, or into its view.
    await api.query(`update expertise set mo_id = $2 where id = $1`, [expertise.id, moB.id]);
    expect(await moOf(expertise.id)).toBe(moA.id);
    await refused(`update expertise set mo_id = $2, number = number || '-2' where id = $1`, [expertise.id, moB.id]);
    await api.query(`update refusal_case set mo_id = $2 where id = (select refusal_case_id from expertise where id = $1)`, [expertise.id, moB.id]);
    expect(await moOf(expertise.id)).toBe(moB.id);
  });
});

describe('an expertise’s case number (the SMO’s «Мои задачи» order its expertise tasks by it)', () => {
  const numbers = async (id: string) =>
    (
      await api.query<{ kept: string; actual: string }>(
        `select e.case_number as kept, c.number as actual from expertise e join refusal_case c on c.id = e.refusal_case_id where e.id = $1`,
        [id],
      )
    ).rows[0];

  it('is its case’s, whatever the API’s role writes, and follows the case’s number after signing', async () => {
    const expertise = await signExpertise(await openExpertise());
    const { kept, actual } = await numbers(expertise.id);
    expect(kept).toBe(actual);
    // A forged number would move the act to send elsewhere in the queue, or out of its first page.
    await api.query(`update expertise set case_number = '0000-forged' where id = $1`, [expertise.id]);
    expect(await numbers(expertise.id)).toEqual({ kept: actual, actual });
    await api.query(`update refusal_case set number = number || '-1' where id = (select refusal_case_id from expertise where id = $1)`, [expertise.id]);
    expect(await numbers(expertise.id)).toEqual({ kept: `${actual}-1`, actual: `${actual}-1` });
  });
});

describe('a case’s review date and causes, its actions and its coded examinations (the report’s index reads them)', () => {
  const kept = async (id: string) =>
    (
      await api.query<{ reviewed_on: string | null; review_cause_ids: string[]; has_actions: boolean; missing_codes: string[]; missing_count: number }>(
        `select to_char(reviewed_on, 'YYYY-MM-DD') as reviewed_on, review_cause_ids::text[] as review_cause_ids, has_actions, missing_codes, missing_count
           from refusal_case where id = $1`,
        [id],
      )
    ).rows[0];

  it('are the database’s, whatever the API’s role writes, and follow the review, its actions and the examinations', async () => {
    const input = caseInput(world.parties, {
      missingExaminations: [
        { name: 'ЭКГ', nmuCode: 'A05.10.006', namedByBureau: false },
        { name: 'МРТ', namedByBureau: true },
      ],
    });
    const id = (await server.ok(RegisterRefusalCaseDocument, { input }, world.tokens.expertA)).registerRefusalCase.result!.id;
    const bare = { reviewed_on: null, review_cause_ids: [], has_actions: false, missing_codes: ['A05.10.006'], missing_count: 2 };
    expect(await kept(id)).toEqual(bare);
    // Forged values would move the case's review, causes, actions or examinations in the fund's report.
    const forge = `update refusal_case set reviewed_on = '2024-03-01', review_cause_ids = array[gen_random_uuid()], has_actions = true,
                          missing_codes = '{B01.023.001}', missing_count = 9 where id = $1`;
    await api.query(forge, [id]);
    expect(await kept(id)).toEqual(bare);

    const review = (
      await recordReview(server, world.tokens.moA, id, {
        actions: [{ description: 'Обучение врачей', type: 'CORRECTIVE', ownerName: 'Петров', ownerPosition: 'главный врач', dueDate: '2024-12-01' }],
      })
    ).result!;
    const recorded = { ...bare, reviewed_on: '2024-05-06', review_cause_ids: review.causes.map((c) => c.rootCauseId), has_actions: true };
    expect(await kept(id)).toEqual(recorded);
    await api.query(forge, [id]);
    expect(await kept(id)).toEqual(recorded);

    // The review's date and causes written as the API's role: the case follows.
    const causes = [...review.causes].reverse().concat(review.causes);
    await api.query(`update commission_review set protocol_date = '2024-06-10', causes = $2 where id = $1`, [review.id, JSON.stringify(causes)]);
    expect(await kept(id)).toMatchObject({ reviewed_on: '2024-06-10', review_cause_ids: causes.map((c) => c.rootCauseId) });
    await api.query(`delete from corrective_action where review_id = $1`, [review.id]);
    expect(await kept(id)).toMatchObject({ has_actions: false });
    await api.query(`update refusal_case set missing_examinations = '[{"name": "МРТ", "namedByBureau": false}]' where id = $1`, [id]);
    expect(await kept(id)).toMatchObject({ missing_codes: [], missing_count: 1 });
    await api.query(`delete from commission_review where id = $1`, [review.id]);
    expect(await kept(id)).toMatchObject({ reviewed_on: null, review_cause_ids: [] });
  });
});
