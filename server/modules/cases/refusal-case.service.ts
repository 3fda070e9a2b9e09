import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, UserErrorCode, domainError, notFound, staleVersion } from '../../shared/errors.js';
import { isUuid, validate } from '../../shared/validation.js';
import { casePartyColumn, forbidden, scopeCondition, scopeFilter } from '../auth/access.js';
import { Role } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { OrganisationKind } from '../organisations/organisation-kind.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { resolvePerson } from '../persons/person.service.js';
import { HistoryKind } from './case-history.entity.js';
import { diffFields, recordHistory } from './case-history.service.js';
import { applyTransition, CaseTransition, isEditable } from './case-lifecycle.js';
import { reserveCaseNumbers } from './case-number.js';
import { RefusalCase, type MissingExamination } from './refusal-case.entity.js';
import type { RegisterRefusalCaseInput, UpdateRefusalCaseInput } from './refusal-case.inputs.js';
import type { BusinessRules } from '../../config.js';
import { reviewDueOnForNewCase } from './review-due.js';
import { caseConsistencyErrors, registerCaseSchema, updateCaseSchema, type RegisterCaseData } from './refusal-case.rules.js';

/**
 * The cases a viewer may see: an SMO expert its SMO's, an MO commission its MO's; the fund and
 * administrators all. One column per role keeps the (party, date) indexes usable.
 */
export function caseScope(viewer: Viewer): Record<string, unknown> {
  const column = casePartyColumn(viewer);
  return column ? scopeFilter(viewer, column) : {};
}

/** The same scope as SQL over a refusal-case alias, for aggregates written in SQL. */
export function caseScopeSql(viewer: Viewer, alias = 'c'): { sql: string; params: string[] } {
  return scopeCondition(viewer, `${alias}.${casePartyColumn(viewer) ?? 'smo'}_id`);
}

export function findCase(em: EntityManager, viewer: Viewer, id: string): Promise<RefusalCase | null> {
  return em.findOne(RefusalCase, { $and: [{ id }, caseScope(viewer)] });
}

/** Only SMO experts of the case's own SMO change a case. */
export function canEditCase(viewer: Viewer, refusalCase: RefusalCase): boolean {
  return viewer.role === Role.SMO_EXPERT && refusalCase.smo.id === viewer.organisationId;
}

async function loadEditable(em: EntityManager, viewer: Viewer, id: string, version: number): Promise<RefusalCase> {
  const refusalCase = isUuid(id) ? await findCase(em, viewer, id) : null;
  if (!refusalCase) throw notFound('id', 'Случай');
  if (!canEditCase(viewer, refusalCase)) throw forbidden('Изменять случай может только эксперт СМО, зарегистрировавшей его');
  if (refusalCase.version !== version) throw staleVersion(refusalCase.version);
  return refusalCase;
}

async function organisationOfKind(em: EntityManager, id: string, kind: OrganisationKind, field: string, label: string) {
  const organisation = await em.findOne(Organisation, { id });
  if (!organisation) throw notFound(field, label);
  if (organisation.kind !== kind) throw domainError(field, UserErrorCode.INVALID, `${label}: выбрана организация другого вида`);
  return organisation;
}

function assertConsistent(fields: { referralDate: string; refusalDate: string }) {
  const errors = caseConsistencyErrors(fields);
  if (errors.length) throw new DomainError(errors);
}

async function assertNotDuplicate(em: EntityManager, candidate: { personId: string; bureauId: string; refusalDate: string; exceptId?: string }) {
  const existing = await em.findOne(RefusalCase, {
    person: candidate.personId,
    bureau: candidate.bureauId,
    refusalDate: candidate.refusalDate,
    ...(candidate.exceptId ? { id: { $ne: candidate.exceptId } } : {}),
  });
  if (existing) {
    throw domainError(
      'refusalDate',
      UserErrorCode.ALREADY_EXISTS,
      `Этот отказ бюро уже зарегистрирован: случай ${existing.number}`,
    );
  }
}

const searchTextOf = (number: string, person: { surname: string; name: string; patronymic: string | null }, remarks: string | null) =>
  [number, person.surname, person.name, person.patronymic, remarks].filter(Boolean).join(' ').toLowerCase().replace(/-/g, ' ');

/** Keeps the lower-cased search text of the cases of these persons in step with their data. */
export async function refreshSearchText(em: EntityManager, personIds: string[]): Promise<void> {
  await em.execute(
    `update refusal_case c
        set search_text = translate(lower(concat_ws(' ', c.number, p.surname, p.name, p.patronymic, c.remarks)), '-', ' ')
       from insured_person p
      where p.id = c.person_id and c.person_id = any(?::uuid[])`,
    [`{${personIds.join(',')}}`],
  );
}

export const CASE_FIELD_LABELS: Record<string, string> = {
  mo: 'Медицинская организация',
  bureau: 'Бюро МСЭ',
  referralNumber: 'Номер направления',
  referralDate: 'Дата направления',
  refusalDate: 'Дата отказа',
  refusalDocumentNumber: 'Номер решения об отказе',
  mainDiagnosis: 'Основной диагноз',
  secondaryDiagnoses: 'Сопутствующие диагнозы',
  missingExaminations: 'Недостающие обследования',
  remarks: 'Примечание',
};

const describeExaminations = (items: MissingExamination[]) =>
  items.map((e) => (e.namedByBureau ? `${e.name} (названо бюро)` : e.name)).join('; ');

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

function recordEnpOverride(em: EntityManager, caseId: string, viewer: Viewer) {
  recordHistory(em, caseId, viewer, {
    kind: HistoryKind.ENP_CHECKSUM_OVERRIDDEN,
    summary: 'ЕНП принят без совпадения контрольной цифры по решению пользователя',
  });
}

export async function registerCase(
  em: EntityManager,
  viewer: Viewer,
  input: RegisterRefusalCaseInput,
  rules: BusinessRules,
): Promise<RefusalCase> {
  const data: RegisterCaseData = validate(registerCaseSchema, input);
  assertConsistent(data);
  if (!viewer.organisationId) throw forbidden();
  if (data.idempotencyKey) {
    const earlier = await em.findOne(RefusalCase, { smo: viewer.organisationId, idempotencyKey: data.idempotencyKey });
    if (earlier) return earlier;
  }
  await em.find(Organisation, { id: { $in: [data.moId, data.bureauId] } });
  const mo = await organisationOfKind(em, data.moId, OrganisationKind.MO, 'moId', 'Медицинская организация');
  const bureau = await organisationOfKind(em, data.bureauId, OrganisationKind.MSE_BUREAU, 'bureauId', 'Бюро МСЭ');
  const { person, created, changes } = await resolvePerson(em, data.person);
  if (!created) await assertNotDuplicate(em, { personId: person.id, bureauId: bureau.id, refusalDate: data.refusalDate });

  const reviewDueOn = await reviewDueOnForNewCase(em, rules);
  // The yearly counter is locked until commit: take the number as late as possible.
  const [number] = await reserveCaseNumbers(em, new Date().getFullYear());
  const refusalCase = em.create(RefusalCase, {
    number,
    person,
    smo: em.getReference(Organisation, viewer.organisationId),
    mo,
    bureau,
    referralNumber: data.referralNumber,
    referralDate: data.referralDate,
    refusalDate: data.refusalDate,
    refusalDocumentNumber: data.refusalDocumentNumber,
    mainDiagnosis: data.mainDiagnosis,
    secondaryDiagnoses: data.secondaryDiagnoses,
    missingExaminations: data.missingExaminations,
    remarks: data.remarks,
    registeredBy: em.getReference(User, viewer.userId),
    idempotencyKey: data.idempotencyKey,
    reviewDueOn,
    searchText: searchTextOf(number, data.person, data.remarks),
  });
  recordHistory(em, refusalCase.id, viewer, { kind: HistoryKind.REGISTERED, summary: `Случай ${number} зарегистрирован`, changes });
  if (created && person.enpChecksumOverridden) recordEnpOverride(em, refusalCase.id, viewer);
  await em.flush();
  // The person's other cases search by the name as it is now.
  if (changes.length) await refreshSearchText(em, [person.id]);
  return refusalCase;
}

/** Fields an update may clear by sending null; any other null means "leave as is". */
const CLEARABLE = new Set(['remarks', 'secondaryDiagnoses']);

export async function updateCase(em: EntityManager, viewer: Viewer, input: UpdateRefusalCaseInput): Promise<RefusalCase> {
  const given = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== null || CLEARABLE.has(k)));
  const data = validate(updateCaseSchema, given);
  const refusalCase = await loadEditable(em, viewer, data.id, data.version);
  if (!isEditable(refusalCase.state)) {
    throw domainError(null, UserErrorCode.NOT_ALLOWED, 'Случай закрыт: откройте его повторно, чтобы изменить');
  }
  const organisations = await em.find(Organisation, { id: { $in: [refusalCase.mo.id, refusalCase.bureau.id, data.moId, data.bureauId].filter(Boolean) as string[] } });
  const names = new Map(organisations.map((o) => [o.id, o.shortName]));
  const before = caseSnapshot(refusalCase, names);

  if (data.moId) refusalCase.mo = await organisationOfKind(em, data.moId, OrganisationKind.MO, 'moId', 'Медицинская организация');
  if (data.bureauId) refusalCase.bureau = await organisationOfKind(em, data.bureauId, OrganisationKind.MSE_BUREAU, 'bureauId', 'Бюро МСЭ');
  const { id: _id, version: _version, moId: _mo, bureauId: _bureau, person: personData, ...fields } = data;
  em.assign(refusalCase, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
  assertConsistent(refusalCase);

  const resolved = personData ? await resolvePerson(em, personData) : null;
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
