import type { EntityManager } from '@mikro-orm/postgresql';
import { canEditCase, caseScope } from '../../access/records.js';
import { DomainError, UserErrorCode, domainError, forbidden, notFound, staleVersion } from '../../shared/errors.js';
import { arrayLiteral, execute, raw, sql } from '../../db/sql.js';
import { isUuid, validate } from '../../shared/validation.js';
import { CASE_FIELDS } from '../../shared/case-fields.js';

import type { Viewer } from '../auth/viewer.js';
import { OrganisationKind } from '../organisations/organisation-kind.js';
import { diagnosesOf, diagnosisCodes, diagnosisErrors, type CaseDiagnoses, type Diagnosis } from '../reference/diagnoses.js';
import { assertCodedExaminations, examinationCodes, servicesOf } from '../reference/medical-services.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { resolvePerson } from '../persons/person.service.js';
import { HistoryKind } from './case-history.entity.js';
import { diffFields, recordHistory, type HistoryEvent } from './case-history.service.js';
import { applyTransition, CaseTransition, isEditable } from './case-lifecycle.js';
import { RefusalCase, type MissingExamination } from './refusal-case.entity.js';
import type { UpdateRefusalCaseInput } from './refusal-case.inputs.js';
import { caseConsistencyErrors, updateCaseSchema } from './refusal-case.rules.js';

export function findCase(em: EntityManager, viewer: Viewer, id: string): Promise<RefusalCase | null> {
  return em.findOne(RefusalCase, { $and: [{ id }, caseScope(viewer)] });
}

async function loadEditable(em: EntityManager, viewer: Viewer, id: string, version: number): Promise<RefusalCase> {
  const refusalCase = isUuid(id) ? await findCase(em, viewer, id) : null;
  if (!refusalCase) throw notFound('id', 'Случай');
  if (!canEditCase(viewer, refusalCase)) throw forbidden('Изменять случай может только эксперт СМО, зарегистрировавшей его');
  if (refusalCase.version !== version) throw staleVersion(refusalCase.version);
  return refusalCase;
}

/** A case's MO must be an MO and its bureau a bureau. */
export function assertOrganisationKind<T extends { kind: OrganisationKind }>(
  organisation: T | null | undefined,
  kind: OrganisationKind,
  field: string,
  label: string,
): T {
  if (!organisation) throw notFound(field, label);
  if (organisation.kind !== kind) throw domainError(field, UserErrorCode.INVALID, `${label}: выбрана организация другого вида`);
  return organisation;
}

async function organisationOfKind(em: EntityManager, id: string, kind: OrganisationKind, field: string, label: string) {
  return assertOrganisationKind(await em.findOne(Organisation, { id }), kind, field, label);
}

export function assertConsistent(fields: { referralDate: string; refusalDate: string }) {
  const errors = caseConsistencyErrors(fields);
  if (errors.length) throw new DomainError(errors);
}

/** A case's diagnoses are codes of the МКБ-10 in force, current ones: each refusal at its field. */
export function assertDiagnosesInIcd10(data: CaseDiagnoses, known: Map<string, Diagnosis> | null) {
  const errors = diagnosisErrors(data, known);
  if (errors.length) throw new DomainError(errors.map((e) => ({ ...e, code: UserErrorCode.INVALID })));
}

async function assertNotDuplicate(em: EntityManager, candidate: { personId: string; bureauId: string; refusalDate: string; exceptId?: string }) {
  const existing = await em.findOne(RefusalCase, {
    person: candidate.personId,
    bureau: candidate.bureauId,
    refusalDate: candidate.refusalDate,
    ...(candidate.exceptId ? { id: { $ne: candidate.exceptId } } : {}),
  });
  if (existing) throw alreadyRegistered(existing.number);
}

/** The same refusal (person, bureau, date) is one case. */
export const alreadyRegistered = (number: string) =>
  domainError('refusalDate', UserErrorCode.ALREADY_EXISTS, `Этот отказ бюро уже зарегистрирован: случай ${number}`);

/**
 * The search text of a case: lower-cased number (hyphens as spaces), the person's name and the
 * remarks, from SQL expressions for each part.
 */
export const searchTextSql = (parts: { number: string; surname: string; name: string; patronymic: string; remarks: string }) =>
  `translate(lower(concat_ws(' ', ${parts.number}, ${parts.surname}, ${parts.name}, ${parts.patronymic}, ${parts.remarks})), '-', ' ')`;

/** Keeps the lower-cased search text of the cases of these persons in step with their data. */
export async function refreshSearchText(em: EntityManager, personIds: string[]): Promise<void> {
  const searchText = searchTextSql({ number: 'c.number', surname: 'p.surname', name: 'p.name', patronymic: 'p.patronymic', remarks: 'c.remarks' });
  await execute(
    em,
    sql`update refusal_case c
        set search_text = ${raw(searchText)}
       from insured_person p
      where p.id = c.person_id and c.person_id = any(${arrayLiteral(personIds)}::uuid[])`,
  );
}

const HISTORY_FIELD: Record<string, string> = { moId: 'mo', bureauId: 'bureau' };

/** The history's labels of a case's own fields (organisations by their short names under `mo` and `bureau`). */
export const CASE_FIELD_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(CASE_FIELDS).map(([field, { label }]) => [HISTORY_FIELD[field] ?? field, label]),
);

const describeExamination = (e: MissingExamination) => `${e.nmuCode ? `${e.nmuCode} ` : ''}${e.name}${e.namedByBureau ? ' (названо бюро)' : ''}`;
const describeExaminations = (items: MissingExamination[]) => items.map(describeExamination).join('; ');

function caseSnapshot(c: RefusalCase, names: Map<string, string>): Record<string, string | null> {
  return {
    mo: names.get(c.mo.id) ?? c.mo.id,
    bureau: names.get(c.bureau.id) ?? c.bureau.id,
    referralNumber: c.referralNumber,
    referralDate: c.referralDate,
    refusalDate: c.refusalDate,
    refusalDocumentNumber: c.refusalDocumentNumber,
    mainDiagnosis: c.mainDiagnosis,
    secondaryDiagnoses: c.secondaryDiagnoses.join(', ') || null,
    missingExaminations: describeExaminations(c.missingExaminations),
    remarks: c.remarks,
  };
}

export const ENP_OVERRIDE_EVENT: HistoryEvent = {
  kind: HistoryKind.ENP_CHECKSUM_OVERRIDDEN,
  summary: 'ЕНП принят без совпадения контрольной цифры по решению пользователя',
};

function recordEnpOverride(em: EntityManager, caseId: string, viewer: Viewer) {
  recordHistory(em, caseId, viewer, ENP_OVERRIDE_EVENT);
}

/** Fields an update may clear by sending null; any other null means "leave as is". */
const CLEARABLE = new Set(['remarks', 'secondaryDiagnoses']);

export async function updateCase(em: EntityManager, viewer: Viewer, input: UpdateRefusalCaseInput): Promise<RefusalCase> {
  const given = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== null || CLEARABLE.has(k)));
  const data = validate(updateCaseSchema, given);
  const refusalCase = await loadEditable(em, viewer, data.id, data.version);
  const codes = diagnosisCodes(data);
  if (codes.length) assertDiagnosesInIcd10(data, await diagnosesOf(em, codes));
  if (data.missingExaminations) {
    data.missingExaminations = assertCodedExaminations(data.missingExaminations, await servicesOf(em, examinationCodes(data.missingExaminations)));
  }
  if (!isEditable(refusalCase.state)) {
    throw domainError(null, UserErrorCode.NOT_ALLOWED, 'Случай закрыт: откройте его повторно, чтобы изменить');
  }
  const organisations = await em.find(Organisation, {
    id: { $in: [refusalCase.mo.id, refusalCase.bureau.id, data.moId, data.bureauId].filter(Boolean) as string[] },
  });
  const names = new Map(organisations.map((o) => [o.id, o.shortName]));
  const before = caseSnapshot(refusalCase, names);

  if (data.moId) refusalCase.mo = await organisationOfKind(em, data.moId, OrganisationKind.MO, 'moId', 'Медицинская организация');
  if (data.bureauId) refusalCase.bureau = await organisationOfKind(em, data.bureauId, OrganisationKind.MSE_BUREAU, 'bureauId', 'Бюро МСЭ');
  const { id: _id, version: _version, moId: _mo, bureauId: _bureau, person: personData, ...fields } = data;
  em.assign(refusalCase, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
  assertConsistent(refusalCase);

  const resolved = personData ? await resolvePerson(em, refusalCase.smo.id, personData) : null;
  if (resolved) refusalCase.person = resolved.person;
  if (resolved?.created && resolved.person.enpChecksumOverridden) recordEnpOverride(em, refusalCase.id, viewer);
  await assertNotDuplicate(em, {
    personId: refusalCase.person.id,
    bureauId: refusalCase.bureau.id,
    refusalDate: refusalCase.refusalDate,
    exceptId: refusalCase.id,
  });

  const changes = [...diffFields(CASE_FIELD_LABELS, before, caseSnapshot(refusalCase, names)), ...(resolved?.changes ?? [])];
  if (resolved?.created) changes.push({ field: 'person', label: 'Застрахованное лицо', from: null, to: `ЕНП ${resolved.person.enp}` });
  if (changes.length === 0) return refusalCase;
  recordHistory(em, refusalCase.id, viewer, { kind: HistoryKind.UPDATED, summary: 'Случай изменён', changes });
  await em.flush();
  await refreshSearchText(em, [refusalCase.person.id]);
  return refusalCase;
}

export async function transitionCase(
  em: EntityManager,
  viewer: Viewer,
  args: { id: string; version: number; transition: CaseTransition; reason?: string | null },
): Promise<RefusalCase> {
  const refusalCase = await loadEditable(em, viewer, args.id, args.version);
  await applyTransition(em, viewer, refusalCase, args.transition, { field: 'transition', reason: args.reason?.trim() || null });
  await em.flush();
  return refusalCase;
}
