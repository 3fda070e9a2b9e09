import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../modules/auth/password.js';
import { enpCheckDigit, formatSnils, ogrnCheckDigit, snilsCheckNumber } from '../shared/identifiers.js';
import { sql } from '../db/sql.js';
import { currentVersionSql } from '../modules/reference/register.service.js';
import { EXAMINATIONS_FOR_MSE_OID, ICD10_OID, NMU_OID } from '../modules/reference/register.parser.js';

/**
 * Fills a database with realistic data for load and report benchmarks, in bulk SQL: organisations,
 * persons with valid ЕНП and СНИЛС, cases spread over 2023–2024 (or the period asked), expertises with findings from the
 * seed catalogue, commission reviews and corrective actions.
 */
export interface SyntheticOptions {
  cases: number;
  smos: number;
  mos: number;
  bureaus: number;
  password: string;
  log: (message: string) => void;
  /** Refusal dates: `days` days from `from`; by default 2023–2024. */
  period?: { from: string; days: number };
  /**
   * Add the cases to the organisations of the first synthetic run (a region's older years) instead
   * of new organisations: the timed SMO's quarter stays as it was, its archive grows.
   */
  intoExisting?: boolean;
}

interface Organisations {
  smos: Array<{ id: string }>;
  mos: Array<{ id: string }>;
  bureaus: Array<{ id: string }>;
  logins: string[];
}

const SURNAMES = [
  'Алборов',
  'Бестаев',
  'Габуев',
  'Дзагоев',
  'Кокоев',
  'Цаликов',
  'Хетагуров',
  'Плиев',
  'Тедеев',
  'Гаглоев',
  'Иванов',
  'Петров',
  'Сидоров',
  'Кузнецов',
  'Смирнов',
  'Попов',
];
const NAMES = ['Алан', 'Руслан', 'Сослан', 'Тимур', 'Заур', 'Олег', 'Сергей', 'Андрей', 'Марат', 'Георгий'];
const PATRONYMICS = ['Асланович', 'Борисович', 'Владимирович', 'Хасанович', 'Таймуразович', 'Петрович'];
export const SYNTHETIC_DIAGNOSES = [
  'I63.5',
  'I69.3',
  'I69.4',
  'I25.1',
  'I11.9',
  'E11.5',
  'E11.7',
  'C50.9',
  'C34.1',
  'C18.7',
  'M54.1',
  'M17.1',
  'G35',
  'G20',
  'J44.1',
  'N18.4',
  'H40.1',
  'F20.0',
  'K74.6',
  'S72.0',
];
/** Examinations named missing, with the НМУ code an expert gives them (as the mapping of frequent texts does). */
const EXAMINATIONS = [
  { name: 'МРТ головного мозга', code: 'A05.23.009' },
  { name: 'ЭКГ', code: 'A05.10.006' },
  { name: 'Консультация невролога', code: 'B01.023.001' },
  { name: 'Консультация офтальмолога', code: 'B01.029.001' },
  { name: 'Спирометрия', code: 'A12.09.001' },
  { name: 'УЗИ органов брюшной полости', code: 'A04.16.001' },
  { name: 'Гистологическое заключение', code: 'A08.30.006' },
  { name: 'Рентгенография суставов', code: 'A06.04.005' },
  { name: 'Эхокардиография', code: 'A04.10.002' },
  { name: 'Консультация кардиолога', code: 'B01.015.001' },
];

const pick = <T>(list: T[]) => list[randomInt(0, list.length)];
const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');

function enp(): string {
  const first15 = `${randomInt(1, 10)}${digits(14)}`;
  return `${first15}${enpCheckDigit(first15)}`;
}

function snils(): string {
  const first9 = `${randomInt(1, 10)}${digits(8)}`;
  return formatSnils(`${first9}${String(snilsCheckNumber(first9)).padStart(2, '0')}`);
}

const ogrn = () => {
  const first12 = `1${digits(11)}`;
  return `${first12}${ogrnCheckDigit(first12)}`;
};

type Knex = ReturnType<EntityManager['getKnex']>;

async function insertChunks(knex: Knex, table: string, rows: Record<string, unknown>[], size = 4000) {
  for (let i = 0; i < rows.length; i += size) await knex(table).insert(rows.slice(i, i + size));
}

/** New synthetic organisations, an expert per SMO and the fund's monitoring user. */
async function newOrganisations(pool: Knex, options: SyntheticOptions, stamp: string): Promise<Organisations> {
  const organisation = (kind: string, i: number, name: string) => ({
    id: crypto.randomUUID(),
    kind,
    full_name: `${name} № ${i} (синтетические данные ${stamp})`,
    short_name: `${name} ${i}·${stamp}`,
    ogrn: ogrn(),
    region: 'Республика Северная Осетия-Алания',
  });
  const smos = Array.from({ length: options.smos }, (_, i) => organisation('SMO', i + 1, 'СМО'));
  const mos = Array.from({ length: options.mos }, (_, i) => organisation('MO', i + 1, 'ГБУЗ'));
  const bureaus = Array.from({ length: options.bureaus }, (_, i) => organisation('MSE_BUREAU', i + 1, 'Бюро МСЭ'));
  const fund = organisation('FUND', 1, 'ТФОМС');
  await insertChunks(pool, 'organisation', [...smos, ...mos, ...bureaus, fund]);
  const passwordHash = await hashPassword(options.password);
  const experts = smos.map((smo, i) => ({
    id: crypto.randomUUID(),
    login: `synthetic.expert${i + 1}.${stamp}`,
    full_name: `Эксперт СМО ${i + 1}`,
    role: 'SMO_EXPERT',
    organisation_id: smo.id,
    password_hash: passwordHash,
  }));
  const monitoring = {
    id: crypto.randomUUID(),
    login: `synthetic.monitoring.${stamp}`,
    full_name: 'Отдел мониторинга',
    role: 'MONITORING',
    organisation_id: fund.id,
    password_hash: passwordHash,
  };
  await insertChunks(pool, 'app_user', [...experts, monitoring]);
  return { smos, mos, bureaus, logins: [...experts, monitoring].map((u) => u.login) };
}

/** The organisations of the first synthetic run (the one `npm run bench` times). */
async function firstRunOrganisations(pool: Knex): Promise<Organisations> {
  const first = await pool.raw<{ rows: Array<{ login: string }> }>(`select login from app_user where login like 'synthetic.expert%' order by login limit 1`);
  if (!first.rows.length) throw new Error('Нет синтетических данных, к которым добавлять: сначала npm run seed:synthetic');
  const runStamp = first.rows[0].login.split('.').pop()!;
  const of = async (kind: string) =>
    (
      await pool.raw<{ rows: Array<{ id: string }> }>(`select id from organisation where kind = ? and short_name like ? order by short_name`, [
        kind,
        `%·${runStamp}`,
      ])
    ).rows;
  return { smos: await of('SMO'), mos: await of('MO'), bureaus: await of('MSE_BUREAU'), logins: [] };
}

/**
 * A list of required examinations for the benchmarks, when no 402н/631н list is loaded: the real one
 * (ФНСИ 1.2.643.5.1.13.13.99.2.857, 3 163 rows) is not shipped, and without a list the report's
 * check against it costs nothing. Six examinations per МКБ-10 block and section (3 288 rows), half
 * of them among those the synthetic cases name; labelled synthetic, loaded from the period's start.
 */
async function syntheticExaminationList(knex: Knex, from: string, stamp: string): Promise<number> {
  const versionId = crypto.randomUUID();
  const version = sql`insert into register_version (id, oid, version, short_name, full_name, published_on, row_count, imported_at)
    select ${versionId}, ${EXAMINATIONS_FOR_MSE_OID}, ${`синтетический-${stamp}`}, 'Синтетический перечень',
           'Синтетический перечень обследований для замеров (не приказ 402н/631н)', ${from}::date, 0, ${from}::date
     where not exists (select 1 from register_version where oid = ${EXAMINATIONS_FOR_MSE_OID})
       and exists (select 1 from register_version where oid = ${NMU_OID})`;
  const inserted = await knex.raw<{ rowCount: number }>(version.sql, version.params as never[]);
  if (!inserted.rowCount) return 0;
  const codes = `{${EXAMINATIONS.map((e) => e.code).join(',')}}`;
  const ranges = sql`with blocks as (
        select e.code, split_part(e.code, '-', 1) as range_from, split_part(e.code, '-', 2) as range_to
          from register_entry e where e.version_id = ${currentVersionSql(ICD10_OID)} and e.code ~ '^[A-Z][0-9]{2}-[A-Z][0-9]{2}$'),
      nmu as (select e.code, row_number() over (order by e.code) as n from register_entry e
               where e.version_id = ${currentVersionSql(NMU_OID)} and e.code ~ '^[AB][0-9]'),
      counted as (select count(*) as k from nmu)
    insert into examination_range (id, version_id, nmu_code, description, basic, type, section, range_from, range_to)
    select gen_random_uuid(), ${versionId},
           case when i <= 3 then (${codes}::text[])[1 + abs(hashtext(b.code || i || s)) % ${EXAMINATIONS.length}] else nmu.code end,
           'обследование синтетического перечня', i <= 3, null, s::text, b.range_from, b.range_to
      from blocks b cross join generate_series(1, 6) i cross join generate_series(1, 2) s cross join counted
      join nmu on nmu.n = 1 + abs(hashtext(b.code || 'n' || i || s)) % counted.k`;
  const rows = await knex.raw<{ rowCount: number }>(ranges.sql, ranges.params as never[]);
  const count = sql`update register_version set row_count = ${rows.rowCount} where id = ${versionId}`;
  await knex.raw(count.sql, count.params as never[]);
  return rows.rowCount;
}

export async function seedSynthetic(em: EntityManager, options: SyntheticOptions): Promise<void> {
  const pool = em.getKnex();
  const started = Date.now();
  const stamp = Date.now().toString(36);
  const period = options.period ?? { from: '2023-01-01', days: 731 };
  // A region's older years are finished work: their cases closed, their acts delivered, their actions done.
  const finished = Boolean(options.intoExisting);
  const { smos, mos, bureaus, logins } = options.intoExisting ? await firstRunOrganisations(pool) : await newOrganisations(pool, options, stamp);
  options.log(`организации и пользователи: ${Date.now() - started} мс`);
  const listRows = await syntheticExaminationList(pool, period.from, stamp);
  if (listRows) options.log(`синтетический перечень обследований (${listRows} строк)`);

  const personCount = Math.max(1, Math.round(options.cases * 0.85));
  // Each person is one SMO's record (an SMO keeps its own record of its insured).
  const persons = Array.from({ length: personCount }, (_, i) => ({
    id: crypto.randomUUID(),
    smo_id: smos[i % smos.length].id,
    enp: enp(),
    snils: randomInt(0, 10) < 8 ? snils() : null,
    surname: pick(SURNAMES),
    name: pick(NAMES),
    patronymic: pick(PATRONYMICS),
    birth_date: `19${randomInt(40, 99)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`,
    sex: randomInt(0, 2) ? 'MALE' : 'FEMALE',
  }));
  const uniquePersons = [...new Map(persons.map((p) => [p.enp, p])).values()];
  await insertChunks(pool, 'insured_person', uniquePersons);
  options.log(`застрахованные лица (${uniquePersons.length}): ${Date.now() - started} мс`);

  const ids = (rows: Array<{ id: string }>) => `{${rows.map((r) => r.id).join(',')}}`;
  // One connection for the temporary tables; bulk statements may run longer than the API's timeout.
  await pool.transaction(async (knex) => {
    await knex.raw('set local statement_timeout = 0');
    await knex.raw(`create temporary table syn_person as select id, smo_id, row_number() over () as rn from insured_person where id = any(?::uuid[])`, [
      ids(uniquePersons),
    ]);
    await knex.raw('create index on syn_person (rn)');
    await knex.raw('analyze syn_person');
    await knex.raw(
      `create temporary table syn_smo as select s.id, row_number() over () - 1 as rn, u.id as expert_id from organisation s join app_user u on u.organisation_id = s.id where s.id = any(?::uuid[])`,
      [ids(smos)],
    );
    await knex.raw(`create temporary table syn_mo as select id, row_number() over () - 1 as rn from organisation where id = any(?::uuid[])`, [ids(mos)]);
    await knex.raw(`create temporary table syn_bureau as select id, row_number() over () - 1 as rn from organisation where id = any(?::uuid[])`, [
      ids(bureaus),
    ]);
    const lists = { dx: SYNTHETIC_DIAGNOSES, ex: EXAMINATIONS.map((e) => e.name), codes: EXAMINATIONS.map((e) => e.code) };

    // Cases: dates over the period, an MO skewed towards the first ones, 1–3 missing examinations.
    // Every table is filled in the order of its dates, as a region's tables fill day by day: a
    // quarter's rows share pages, so a report reads the quarter's pages, not the whole archive.
    await knex.raw(
      `insert into refusal_case (id, number, person_id, person_enp, person_birth_date, smo_id, mo_id, bureau_id, referral_number, referral_date, refusal_date,
                               refusal_document_number, main_diagnosis, secondary_diagnoses, missing_examinations, remarks, state,
                               registered_by_id, search_text, review_due_on, version, created_at, updated_at)
     select gen_random_uuid(), 'СИН-' || ? || '-' || lpad(g::text, 7, '0'), p.id, ip.enp, ip.birth_date, s.id, m.id, b.id,
            '088-' || g, d - 20, d, 'ОТК-' || g, (?::text[])[1 + g % ?], '{}',
            jsonb_build_array(jsonb_build_object('name', (?::text[])[1 + g % ?], 'namedByBureau', g % 3 = 0)
                              || case when g % 5 <> 0 then jsonb_build_object('nmuCode', (?::text[])[1 + g % ?]) else '{}'::jsonb end)
              || case when g % 2 = 0 then jsonb_build_array(jsonb_build_object('name', (?::text[])[1 + (g / 7) % ?], 'namedByBureau', false)) else '[]'::jsonb end,
            case when g % 10 = 0 then 'повторное направление' end,
            ${finished ? `'CLOSED'` : `(array['REGISTERED','UNDER_EXPERTISE','AWAITING_MO_REVIEW','CLOSED'])[1 + g % 4]`},
            s.expert_id,
            translate(lower(concat_ws(' ', 'СИН-' || ? || '-' || lpad(g::text, 7, '0'), ip.surname, ip.name, ip.patronymic,
                            case when g % 10 = 0 then 'повторное направление' end)), '-', ' '),
            d + 14, 1, now(), now()
       from generate_series(1, ?) g
       cross join lateral (select ?::date + (g * 7 % ?) as d) dt
       join syn_person p on p.rn = 1 + (g::bigint * 7919) % ?
       join insured_person ip on ip.id = p.id
       join syn_smo s on s.id = p.smo_id
       join syn_mo m on m.rn = least(?, floor(power(((g * 13) % 1000) / 1000.0, 2) * ?))::int
       join syn_bureau b on b.rn = g % ?
      order by dt.d, g`,
      [
        stamp,
        `{${lists.dx.join(',')}}`,
        lists.dx.length,
        `{${lists.ex.join(',')}}`,
        lists.ex.length,
        `{${lists.codes.join(',')}}`,
        lists.codes.length,
        `{${lists.ex.join(',')}}`,
        lists.ex.length,
        stamp,
        options.cases,
        period.from,
        period.days,
        uniquePersons.length,
        mos.length - 1,
        mos.length,
        bureaus.length,
      ],
    );
    options.log(`случаи (${options.cases}): ${Date.now() - started} мс`);

    // Expertises on a third of the cases, findings priced from the seed catalogue, then signed.
    await knex.raw(
      `insert into expertise (id, refusal_case_id, smo_id, type, kind, number, expert_id, start_date, catalogue_version_id,
                            documents_requested_on, documents_received_on, status, findings_revision, version, created_at, updated_at)
     select gen_random_uuid(), c.id, c.smo_id, t.type, 'TARGETED',
            t.label || '-СИН-' || ? || '-' || row_number() over (partition by c.smo_id order by c.id), s.expert_id,
            c.refusal_date + 3, (select id from catalogue_version order by effective_from limit 1), c.refusal_date + 3, c.refusal_date + 10,
            'DRAFT', 1, 1, now(), now()
       from refusal_case c join syn_smo s on s.id = c.smo_id
       cross join lateral (select case when (hashtext(c.id::text) & 2147483647) % 2 = 0 then 'EKMP' else 'MEE' end as type) tt
       cross join lateral (select tt.type, case tt.type when 'EKMP' then 'ЭКМП' else 'МЭЭ' end as label) t
      where (hashtext(c.id::text) & 2147483647) % 3 = 0 and c.number like 'СИН-' || ? || '-%'
      order by c.refusal_date, c.id`,
      [stamp, stamp],
    );
    // One inpatient episode per expertise, its findings on it.
    await knex.raw(
      `insert into care_episode (id, expertise_id, record_number, care_from, care_to, norm_kind_id, tariff, created_at)
     select gen_random_uuid(), e.id, 'История болезни № ' || right(e.number, 7), e.start_date - 30, e.start_date - 20,
            (select id from norm_kind where code = 'INPATIENT'), (10000 + (hashtext(e.id::text) & 2147483647) % 90000)::numeric(14,2), now()
       from expertise e
      where e.number like '%-СИН-' || ? || '-%'
      order by e.start_date, e.id`,
      [stamp],
    );
    await knex.raw(
      `insert into finding (id, expertise_id, episode_id, defect_code_id, description, amount_not_paid, fine,
                          per_capita_norm, norm_date, mo_position, created_at)
     select gen_random_uuid(), e.id, ep.id, d.id, 'Не выполнено обследование',
            least(round(ep.tariff * d.non_payment_coefficient, 2), ep.tariff), round(1000.00 * d.fine_coefficient, 2),
            case when d.fine_coefficient is not null then 1000.00 end, ep.care_to,
            case when (hashtext(e.id::text) & 2147483647) % 5 = 0 then 'DISAGREES' else 'AGREES' end, now()
       from expertise e
       join care_episode ep on ep.expertise_id = e.id
       cross join lateral (
         select dc.id, dc.non_payment_coefficient, dc.fine_coefficient from defect_code dc
          where dc.catalogue_version_id = e.catalogue_version_id and dc.assignable
            and dc.section = case e.type when 'EKMP' then 3 else 2 end
          order by ((hashtext(e.id::text || dc.code) & 2147483647) % 1000) limit 1 + (hashtext(e.id::text) & 2147483647) % 2) d
      where e.number like '%-СИН-' || ? || '-%'
      order by e.start_date, e.id`,
      [stamp],
    );
    await knex.raw(
      `insert into finding_position (id, finding_id, position, source, recorded_at)
     select gen_random_uuid(), f.id, f.mo_position, 'DISCUSSION', now()
       from finding f join expertise e on e.id = f.expertise_id
      where e.number like '%-СИН-' || ? || '-%'
      order by e.start_date, f.id`,
      [stamp],
    );
    await knex.raw(
      `update expertise set status = 'SIGNED', sanction_rule = 'LARGEST_EACH', conclusion_date = start_date + 20, signed_at = now(), signed_by_id = expert_id
      where number like '%-СИН-' || ? || '-%'`,
      [stamp],
    );
    // The older years' acts went to their MOs and were received.
    if (finished)
      await knex.raw(
        `insert into expertise_act_delivery (id, expertise_id, sent_on, method, sent_by_id, received_on, created_at)
       select gen_random_uuid(), e.id, e.conclusion_date + 2, 'MAIL', e.expert_id, e.conclusion_date + 7, now()
         from expertise e where e.number like '%-СИН-' || ? || '-%'
        order by e.conclusion_date, e.id`,
        [stamp],
      );
    options.log(`экспертизы и замечания: ${Date.now() - started} мс`);

    // Reviews for 70% of the cases, 20% of them with an action.
    await knex.raw(
      `insert into commission_review (id, refusal_case_id, protocol_number, protocol_date, members, causes, conclusion,
                                    recorded_by_id, version, created_at, updated_at)
     select gen_random_uuid(), c.id, 'ВК-' || right(c.number, 7), c.refusal_date + 8 + (hashtext(c.id::text) & 2147483647) % 10,
            '[{"name":"Председатель ВК","position":"заместитель главного врача","role":"CHAIR"}]'::jsonb,
            jsonb_build_array(jsonb_build_object('rootCauseId', rc.id, 'name', rc.name, 'comment', null)),
            'Причины установлены', s.expert_id, 1, now(), now()
       from refusal_case c join syn_smo s on s.id = c.smo_id
       cross join lateral (select id, name from root_cause where code <> 'OTHER' order by (hashtext(c.id::text || code) & 2147483647) limit 1) rc
      where (hashtext(c.id::text || 'review') & 2147483647) % 10 < 7 and c.number like 'СИН-' || ? || '-%'
      order by c.refusal_date, c.id`,
      [stamp],
    );
    await knex.raw(
      `insert into corrective_action (id, review_id, refusal_case_id, description, type, owner_name, owner_position, due_date, status, version, created_at, updated_at)
     select gen_random_uuid(), r.id, r.refusal_case_id, 'Назначать обследования по приказу 402н/631н', 'CORRECTIVE', 'Заведующий отделением',
            'заведующий', r.protocol_date + 30,
            ${finished ? `'DONE'` : `(array['PLANNED','IN_PROGRESS','DONE','DONE'])[1 + (hashtext(r.id::text) & 2147483647) % 4]`}, 1, now(), now()
       from commission_review r join refusal_case c on c.id = r.refusal_case_id
      where (hashtext(r.id::text) & 2147483647) % 5 = 0 and c.number like 'СИН-' || ? || '-%'
      order by r.protocol_date, r.id`,
      [stamp],
    );
    options.log(`разборы и мероприятия: ${Date.now() - started} мс`);
    await knex.raw('drop table syn_person, syn_smo, syn_mo, syn_bureau');
  });
  for (const table of ['insured_person', 'refusal_case', 'expertise', 'care_episode', 'finding', 'commission_review', 'corrective_action'])
    await pool.raw(`vacuum analyze ${table}`);
  options.log(`готово за ${Math.round((Date.now() - started) / 1000)} с${logins.length ? `; входы: ${logins.join(', ')}` : ''}`);
}
