import { newId } from '../../shared/ids.js';
import { forbidden } from '../../shared/errors.js';
import { currentYear } from '../../shared/clock.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BusinessRules } from '../../config.js';
import { execute, sql, type Sql } from '../../db/sql.js';
import { validate } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';
import { OrganisationKind } from '../organisations/organisation-kind.js';
import { HistoryKind } from './case-history.entity.js';
import type { StoredPerson } from './new-cases.write.js';
import type { RegistrationWrites } from './registration-writes.js';
import { RefusalCase } from './refusal-case.entity.js';
import type { RegisterRefusalCaseInput } from './refusal-case.inputs.js';
import { registerCaseSchema, type RegisterCaseData } from './refusal-case.rules.js';
import { alreadyRegistered, assertConsistent, assertDiagnosesInIcd10, assertOrganisationKind } from './refusal-case.service.js';
import { reviewDueOnForNewCase } from './review-due.js';
import { assertCodedExaminations, examinationCodes, servicesFromJson, servicesJsonSql, type MedicalService } from '../reference/medical-services.js';
import { diagnosesFromJson, diagnosesJsonSql, diagnosisCodes, type Diagnosis } from '../reference/diagnoses.js';

interface WhatRegistrationChecks {
  organisations: Array<{ id: string; kind: OrganisationKind }> | null;
  person: StoredPerson | null;
  duplicate_number: string | null;
  earlier_id: string | null;
  diagnoses: Diagnosis[] | null;
  services: MedicalService[] | null;
}

function checksOf(smoId: string, data: RegisterCaseData): Sql {
  const { enp } = data.person;
  return sql`select
      (select json_agg(json_build_object('id', o.id, 'kind', o.kind)) from organisation o where o.id in (${data.moId}, ${data.bureauId})) as organisations,
      (select json_build_object('id', p.id, 'enp', p.enp, 'snils', p.snils, 'surname', p.surname, 'name', p.name,
                                'patronymic', p.patronymic, 'birthDate', p.birth_date, 'sex', p.sex)
         from insured_person p where p.enp = ${enp} and p.smo_id = ${smoId}) as person,
      (select c.number from refusal_case c join insured_person p on p.id = c.person_id
        where p.enp = ${enp} and p.smo_id = ${smoId} and c.bureau_id = ${data.bureauId} and c.refusal_date = ${data.refusalDate}) as duplicate_number,
      (select c.id from refusal_case c where c.smo_id = ${smoId} and c.idempotency_key = ${data.idempotencyKey}) as earlier_id,
      ${diagnosesJsonSql(diagnosisCodes(data))} as diagnoses,
      ${servicesJsonSql(examinationCodes(data.missingExaminations))} as services`;
}

/**
 * Registration is the busiest write: it reads what it checks in one statement and writes in one
 * (number, person, case, history), which PostgreSQL makes atomic without a transaction around
 * them; an expert's registrations arriving together share that write (`RegistrationWrites`). A
 * concurrent twin that wins in between (same ЕНП, same refusal, same idempotency key) makes the
 * write fail on a unique constraint; the mutation then runs once more and sees it.
 */
export async function registerCase(
  em: EntityManager,
  viewer: Viewer,
  input: RegisterRefusalCaseInput,
  { rules, writes }: { rules: BusinessRules; writes: RegistrationWrites },
): Promise<RefusalCase> {
  const data = validate(registerCaseSchema, input);
  assertConsistent(data);
  const smoId = viewer.organisationId;
  if (!smoId) throw forbidden();
  const checks = checksOf(smoId, data);
  const [found] = await execute<WhatRegistrationChecks>(em, checks);
  if (found.earlier_id) return em.findOneOrFail(RefusalCase, { id: found.earlier_id });
  assertDiagnosesInIcd10(data, diagnosesFromJson(found.diagnoses));
  const missingExaminations = assertCodedExaminations(data.missingExaminations, servicesFromJson(found.services));
  const organisations = new Map((found.organisations ?? []).map((o) => [o.id, o]));
  assertOrganisationKind(organisations.get(data.moId), OrganisationKind.MO, 'moId', 'Медицинская организация');
  assertOrganisationKind(organisations.get(data.bureauId), OrganisationKind.MSE_BUREAU, 'bureauId', 'Бюро МСЭ');
  if (found.duplicate_number) throw alreadyRegistered(found.duplicate_number);

  const group = { smoId, actorId: viewer.userId, year: currentYear(), reviewDueOn: await reviewDueOnForNewCase(em, rules) };
  const row = await writes.write(em, group, {
    id: newId(),
    data: { ...data, missingExaminations },
    stored: found.person,
    event: { kind: HistoryKind.REGISTERED, summary: 'Случай %s зарегистрирован' },
  });
  return em.map(RefusalCase, row);
}
