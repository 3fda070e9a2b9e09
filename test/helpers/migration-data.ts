/** A statement on the scratch database, its rows answered. */
export type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * What every data migration test starts from, written with SQL of the schema of late 2026-12-01
 * (before cases of care): an SMO, MO and bureau, a user, an insured person, one refusal case, and a
 * catalogue with code 3.2.2.
 */
export async function insertCaseScaffold(q: Query) {
  const org = async (kind: string, n: number) =>
    (
      await q(`insert into organisation (id, kind, full_name, short_name, ogrn, region) values (gen_random_uuid(), ?, ?, ?, ?, 'x') returning id`, [
        kind,
        `${kind}${n}`,
        `${kind}${n}`,
        `10277001321${n}5`,
      ])
    )[0].id as string;
  const [smo, mo, bureau] = [await org('SMO', 1), await org('MO', 2), await org('MSE_BUREAU', 3)];
  const [user] = await q(`insert into app_user (id, login, full_name, role, password_hash) values (gen_random_uuid(), 'u', 'u', 'ADMIN', 'x') returning id`);
  const [person] = await q(
    `insert into insured_person (id, smo_id, enp, surname, name, birth_date, sex) values (gen_random_uuid(), ?, '5000000000000009', 'Иванов', 'Иван', '1960-01-01', 'MALE') returning id`,
    [smo],
  );
  const [refusalCase] = await q(
    `insert into refusal_case (id, number, person_id, smo_id, mo_id, bureau_id, referral_number, referral_date, refusal_date, refusal_document_number,
                               main_diagnosis, missing_examinations, registered_by_id, created_at)
     values (gen_random_uuid(), 'N-1', ?, ?, ?, ?, '1', '2024-01-01', '2024-02-01', '1', 'I63.5', '[]', ?, now()) returning id`,
    [person.id, smo, mo, bureau, user.id],
  );
  const [catalogue] = await q(
    `insert into catalogue_version (id, name, source_document, effective_from, content_hash, code_count) values (gen_random_uuid(), 'т', 'т', '2020-01-01', 'x', 1) returning id`,
  );
  const [code] = await q(
    `insert into defect_code (id, catalogue_version_id, code, text, section, assignable, position, non_payment_coefficient, fine_coefficient)
     values (gen_random_uuid(), ?, '3.2.2', 'т', 3, true, 1, 0.4, 0.3) returning id`,
    [catalogue.id],
  );
  return { smo, mo, bureau, userId: user.id as string, caseId: refusalCase.id as string, catalogueId: catalogue.id as string, codeId: code.id as string };
}
