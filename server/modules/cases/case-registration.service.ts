import { newId } from '../../shared/ids.js';
import { forbidden } from '../../shared/errors.js';
import { currentYear } from '../../shared/clock.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BusinessRules } from '../../config.js';
import { arrayLiteral, asColumns, insertRows, sqlExpression, updateById, withStatements, type Sql } from '../../db/sql.js';
import { validate } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';
import { OrganisationKind } from '../organisations/organisation-kind.js';
import { personChanges, personFields, type PersonDetails } from '../persons/person.service.js';
import { HistoryKind, type FieldChange } from './case-history.entity.js';
import { historyRow } from './case-history.service.js';
import { takeCaseNumber } from './case-number.js';
import { RefusalCase } from './refusal-case.entity.js';
import type { RegisterRefusalCaseInput } from './refusal-case.inputs.js';
import { caseFields, registerCaseSchema, type PersonData, type RegisterCaseData } from './refusal-case.rules.js';
import { alreadyRegistered, assertConsistent, assertOrganisationKind, ENP_OVERRIDE_EVENT, searchTextSql } from './refusal-case.service.js';
import { reviewDueOnForNewCase } from './review-due.js';

type StoredPerson = PersonDetails & { id: string };

interface WhatRegistrationChecks {
  organisations: Array<{ id: string; kind: OrganisationKind }> | null;
  person: StoredPerson | null;
  duplicate_number: string | null;
  earlier_id: string | null;
}

function checksOf(smoId: string, data: RegisterCaseData): Sql {
  return {
    sql: `select
      (select json_agg(json_build_object('id', o.id, 'kind', o.kind)) from organisation o where o.id in (?, ?)) as organisations,
      (select json_build_object('id', p.id, 'enp', p.enp, 'snils', p.snils, 'surname', p.surname, 'name', p.name,
                                'patronymic', p.patronymic, 'birthDate', p.birth_date, 'sex', p.sex)
         from insured_person p where p.enp = ? and p.smo_id = ?) as person,
      (select c.number from refusal_case c join insured_person p on p.id = c.person_id
        where p.enp = ? and p.smo_id = ? and c.bureau_id = ? and c.refusal_date = ?) as duplicate_number,
      (select c.id from refusal_case c where c.smo_id = ? and c.idempotency_key = ?) as earlier_id`,
    params: [data.moId, data.bureauId, data.person.enp, smoId, data.person.enp, smoId, data.bureauId, data.refusalDate, smoId, data.idempotencyKey],
  };
}

/**
 * The person's other cases search by the name as it is now typed. Unlike `refreshSearchText`, the
 * name comes from the input: the person's update in the same statement is not visible to it.
 */
function refreshOtherCasesSearchText(personId: string, person: PersonData): Sql {
  const text = searchTextSql({ number: 'number', surname: '?', name: '?', patronymic: '?', remarks: 'remarks' });
  return { sql: `update refusal_case set search_text = ${text} where person_id = ?`, params: [person.surname, person.name, person.patronymic, personId] };
}

interface Registration {
  caseId: string;
  data: RegisterCaseData;
  viewer: Viewer;
  smoId: string;
  stored: StoredPerson | null;
  reviewDueOn: string | null;
}

/** The case's number as it is taken inside the write (the `taken` clause). */
const NUMBER = sqlExpression('(select number from taken)');

function caseInsert(r: Registration, personId: string): Sql {
  const { data, viewer } = r;
  const fields = caseFields(data);
  const searchText = searchTextSql({ number: NUMBER.sql, surname: '?', name: '?', patronymic: '?', remarks: '?' });
  const row = asColumns({
    id: r.caseId,
    number: NUMBER,
    personId,
    smoId: r.smoId,
    moId: data.moId,
    bureauId: data.bureauId,
    ...fields,
    secondaryDiagnoses: arrayLiteral(fields.secondaryDiagnoses),
    missingExaminations: JSON.stringify(fields.missingExaminations),
    registeredById: viewer.userId,
    idempotencyKey: data.idempotencyKey,
    reviewDueOn: r.reviewDueOn,
    searchText: sqlExpression(searchText, [data.person.surname, data.person.name, data.person.patronymic, data.remarks]),
  });
  const insert = insertRows('refusal_case', [row]);
  return { sql: `${insert.sql} returning *`, params: insert.params };
}

/** «Случай … зарегистрирован» with the person's changes, and the ЕНП override when there was one. */
function historyInsert(r: Registration, changes: FieldChange[], checksumOverridden: boolean): Sql {
  const registered = historyRow(r.caseId, r.viewer, { kind: HistoryKind.REGISTERED, summary: '', changes });
  const rows: Array<Record<string, unknown>> = [{ ...registered, summary: sqlExpression(`format(?, ${NUMBER.sql})`, ['Случай %s зарегистрирован']) }];
  if (checksumOverridden) rows.push(historyRow(r.caseId, r.viewer, ENP_OVERRIDE_EVENT));
  return insertRows('case_history', rows);
}

function registrationWrite(r: Registration): Sql {
  const { data, stored } = r;
  const changes = stored ? personChanges(stored, data.person) : [];
  const personId = stored?.id ?? newId();
  const checksumOverridden = !stored && Boolean(data.person.enpChecksumOverride);
  const person = personFields(data.person);
  return withStatements(
    {
      taken: takeCaseNumber(currentYear()),
      person: stored ? null : insertRows('insured_person', [asColumns({ id: personId, ...person, smoId: r.smoId, enpChecksumOverridden: checksumOverridden })]),
      person_update: changes.length ? updateById('insured_person', personId, asColumns({ ...person, updatedAt: new Date() })) : null,
      search_text: changes.length ? refreshOtherCasesSearchText(personId, data.person) : null,
      history: historyInsert(r, changes, checksumOverridden),
    },
    caseInsert(r, personId),
  );
}

/**
 * Registration is the busiest write: it reads what it checks in one statement and writes in one
 * (number, person, case, history), which PostgreSQL makes atomic without a transaction around
 * them. A concurrent twin that wins in between (same ЕНП, same refusal, same idempotency key)
 * makes the write fail on a unique constraint; the mutation then runs once more and sees it.
 */
export async function registerCase(em: EntityManager, viewer: Viewer, input: RegisterRefusalCaseInput, rules: BusinessRules): Promise<RefusalCase> {
  const data = validate(registerCaseSchema, input);
  assertConsistent(data);
  const smoId = viewer.organisationId;
  if (!smoId) throw forbidden();
  const checks = checksOf(smoId, data);
  const [found] = await em.execute<WhatRegistrationChecks[]>(checks.sql, checks.params);
  if (found.earlier_id) return em.findOneOrFail(RefusalCase, { id: found.earlier_id });
  const organisations = new Map((found.organisations ?? []).map((o) => [o.id, o]));
  assertOrganisationKind(organisations.get(data.moId), OrganisationKind.MO, 'moId', 'Медицинская организация');
  assertOrganisationKind(organisations.get(data.bureauId), OrganisationKind.MSE_BUREAU, 'bureauId', 'Бюро МСЭ');
  if (found.duplicate_number) throw alreadyRegistered(found.duplicate_number);

  const reviewDueOn = await reviewDueOnForNewCase(em, rules);
  const write = registrationWrite({ caseId: newId(), data, viewer, smoId, stored: found.person, reviewDueOn });
  const [row] = await em.execute(write.sql, write.params);
  return em.map(RefusalCase, row);
}
