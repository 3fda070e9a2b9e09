import { expect, it } from 'vitest';
import { openAppOrm } from '../../server/app/orm.js';
import { useScratchDatabase } from '../helpers/scratch-database.js';

/**
 * Data written before persons became per-SMO records: one person row shared by two SMOs' cases
 * (the second SMO's typed name had overwritten the first's). The migration gives each SMO its
 * own row and moves its cases to it.
 */
const databaseUrl = useScratchDatabase('razbor_split');

it('splits a person shared by two SMOs into one record each, and drops persons no case points at', async () => {
  const orm = await openAppOrm({ databaseUrl: databaseUrl(), statementTimeoutMs: 0 });
  try {
    await orm.getMigrator().up({ to: 'Migration20261124164500' });
    const q = (sql: string, params: unknown[] = []) => orm.em.getConnection().execute(sql, params);
    const org = (kind: string, n: number) =>
      q(`insert into organisation (id, kind, full_name, short_name, ogrn, region) values (gen_random_uuid(), ?, ?, ?, ?, 'x') returning id`, [
        kind,
        `${kind}${n}`,
        `${kind}${n}`,
        `10277001321${n}5`,
      ]);
    const [[smoA], [smoB], [mo], [bureau]] = await Promise.all([org('SMO', 1), org('SMO', 2), org('MO', 3), org('MSE_BUREAU', 4)]);
    const [user] = await q(`insert into app_user (id, login, full_name, role, password_hash) values (gen_random_uuid(), 'u', 'u', 'ADMIN', 'x') returning id`);
    const [shared] = await q(
      `insert into insured_person (id, enp, surname, name, birth_date, sex) values (gen_random_uuid(), '5000000000000009', 'Иванов', 'Иван', '1960-01-01', 'MALE') returning id`,
    );
    await q(
      `insert into insured_person (id, enp, surname, name, birth_date, sex) values (gen_random_uuid(), '5000000000000017', 'Сирота', 'С', '1960-01-01', 'MALE')`,
    );
    const addCase = (n: number, smo: string, at: string) =>
      q(
        `insert into refusal_case (id, number, person_id, smo_id, mo_id, bureau_id, referral_number, referral_date, refusal_date, refusal_document_number,
                                   main_diagnosis, missing_examinations, registered_by_id, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, '1', '2024-01-01', ?, '1', 'I63.5', '[]', ?, ?) returning id`,
        [`N-${n}`, shared.id, smo, mo.id, bureau.id, `2024-02-0${n}`, user.id, at],
      );
    const [[a1], [b1], [a2]] = [await addCase(1, smoA.id, '2024-02-01'), await addCase(2, smoB.id, '2024-02-02'), await addCase(3, smoA.id, '2024-02-03')];

    await orm.getMigrator().up();

    const persons = (await q(`select p.id, p.smo_id, p.surname, p.enp from insured_person p order by p.smo_id = ? desc`, [smoA.id])) as Array<{
      id: string;
      smo_id: string;
      enp: string;
    }>;
    expect(persons.map((p) => [p.smo_id, p.enp])).toEqual([
      [smoA.id, '5000000000000009'],
      [smoB.id, '5000000000000009'],
    ]);
    const personOf = async (caseId: string) => (await q(`select person_id from refusal_case where id = ?`, [caseId]))[0].person_id;
    expect(await personOf(a1.id)).toBe(shared.id);
    expect(await personOf(a2.id)).toBe(shared.id);
    expect(await personOf(b1.id)).toBe(persons[1].id);
    await expect(
      q(
        `insert into insured_person (id, enp, surname, name, birth_date, sex, smo_id) values (gen_random_uuid(), '5000000000000009', 'x', 'x', '1960-01-01', 'MALE', ?)`,
        [smoA.id],
      ),
    ).rejects.toThrow(/insured_person_enp_smo_unique/);
  } finally {
    await orm.close(true);
  }
});
