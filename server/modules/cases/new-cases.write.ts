import { newId } from '../../shared/ids.js';
import { arrayLiteral, asColumns, insertRows, sqlExpression, updateById, withStatements, type Sql } from '../../db/sql.js';
import { personChanges, personFields, type PersonDetails } from '../persons/person.service.js';
import { HistoryKind, type FieldChange } from './case-history.entity.js';
import { historyRow } from './case-history.service.js';
import { takeCaseNumbers, takenNumberSql } from './case-number.js';
import { caseFields, type PersonData, type RegisterCaseData } from './refusal-case.rules.js';
import { ENP_OVERRIDE_EVENT, searchTextSql } from './refusal-case.service.js';

export type StoredPerson = PersonDetails & { id: string };

/** One new case, as registration and the spreadsheet import both write it. */
export interface NewCase {
  id: string;
  data: RegisterCaseData;
  /** The SMO's own record of the person, when it has one. */
  stored: StoredPerson | null;
  /** The case's first history entry; `%s` in its summary stands for the number taken in the write. */
  event: { kind: HistoryKind.REGISTERED | HistoryKind.IMPORTED; summary: string };
}

export interface NewCases {
  smoId: string;
  actorId: string;
  reviewDueOn: string | null;
  cases: NewCase[];
  /**
   * The cases' numbers: taken by the write itself, in this year's series (registration's one
   * statement), or taken ahead (`takeCaseNumbersAhead`), one per case in order, so that a write of
   * hundreds of cases has no subquery per row for the database to plan.
   */
  numbers: { year: number } | { taken: string[] };
}

/** Text for a `format()` pattern: a file name's own `%` stays a character. */
export const formatLiteral = (text: string) => text.replace(/%/g, '%%');

interface PersonPlan {
  id: string;
  data: PersonData;
  stored: StoredPerson | null;
  changes: FieldChange[];
  /** The case whose history tells what happened to the person. */
  caseId: string;
}

/**
 * One plan per person of the batch (by ЕНП): the last row that names the person decides its data,
 * as the latest typed; a known person's changes are told in that row's case history.
 */
function personPlans(cases: NewCase[]): Map<string, PersonPlan> {
  const plans = new Map<string, PersonPlan>();
  for (const c of cases) {
    const earlier = plans.get(c.data.person.enp);
    const stored = earlier?.stored ?? c.stored;
    const id = stored?.id ?? earlier?.id ?? newId();
    plans.set(c.data.person.enp, { id, data: c.data.person, stored, changes: stored ? personChanges(stored, c.data.person) : [], caseId: c.id });
  }
  return plans;
}

/** The person's other cases search by the name as it is now typed (the update in the same statement is not visible to it). */
function refreshOtherCasesSearchText(plan: PersonPlan): Sql {
  const text = searchTextSql({ number: 'number', surname: '?', name: '?', patronymic: '?', remarks: 'remarks' });
  const { surname, name, patronymic } = plan.data;
  return { sql: `update refusal_case set search_text = ${text} where person_id = ?`, params: [surname, name, patronymic, plan.id] };
}

const newPersonRow = (plan: PersonPlan, smoId: string) =>
  asColumns({ id: plan.id, ...personFields(plan.data), smoId, enpChecksumOverridden: Boolean(plan.data.enpChecksumOverride) });

/** The `index`-th case's number in the write: taken ahead, or by the write itself. */
const numberIn = (w: NewCases, index: number): Sql =>
  'taken' in w.numbers ? { sql: '?', params: [w.numbers.taken[index]] } : { sql: takenNumberSql(index, w.cases.length), params: [] };

function caseRow(w: NewCases, c: NewCase, index: number, personId: string): Record<string, unknown> {
  const number = numberIn(w, index);
  const fields = caseFields(c.data);
  const { surname, name, patronymic } = c.data.person;
  return asColumns({
    id: c.id,
    number: sqlExpression(number.sql, number.params),
    personId,
    // Told, not looked up: a person inserted by the same statement is not visible to the case's trigger.
    personEnp: c.data.person.enp,
    personBirthDate: c.data.person.birthDate,
    smoId: w.smoId,
    moId: c.data.moId,
    bureauId: c.data.bureauId,
    ...fields,
    secondaryDiagnoses: arrayLiteral(fields.secondaryDiagnoses),
    missingExaminations: JSON.stringify(fields.missingExaminations),
    registeredById: w.actorId,
    idempotencyKey: c.data.idempotencyKey,
    reviewDueOn: w.reviewDueOn,
    searchText: sqlExpression(searchTextSql({ number: number.sql, surname: '?', name: '?', patronymic: '?', remarks: '?' }), [
      ...number.params,
      surname,
      name,
      patronymic,
      c.data.remarks,
    ]),
  });
}

function historyRows(w: NewCases, plans: Map<string, PersonPlan>): Array<Record<string, unknown>> {
  const actor = { userId: w.actorId };
  const changesOf = new Map([...plans.values()].map((p) => [p.caseId, p.changes]));
  const newWithOverride = new Set([...plans.values()].filter((p) => !p.stored && p.data.enpChecksumOverride).map((p) => p.caseId));
  return w.cases.flatMap((c, i) => {
    const first = historyRow(c.id, actor, { kind: c.event.kind, summary: '', changes: changesOf.get(c.id) ?? [] });
    const number = numberIn(w, i);
    const rows = [{ ...first, summary: sqlExpression(`format(?, ${number.sql})`, [c.event.summary, ...number.params]) }];
    return newWithOverride.has(c.id) ? [...rows, historyRow(c.id, actor, ENP_OVERRIDE_EVENT)] : rows;
  });
}

/**
 * New cases in one statement: their numbers, the persons they name (new ones inserted, known ones
 * brought up to date with the other cases' search text), the cases and their first history entries.
 * PostgreSQL makes it atomic without a transaction around it; it returns the cases' rows (whole, or
 * the columns asked for: an import of thousands needs only their numbers).
 */
export function newCasesWrite(w: NewCases, returning = '*'): Sql {
  const plans = personPlans(w.cases);
  const fresh = [...plans.values()].filter((p) => !p.stored);
  const changed = [...plans.values()].filter((p) => p.changes.length > 0);
  const parts: Record<string, Sql | null> = {
    taken: 'year' in w.numbers ? takeCaseNumbers(w.numbers.year, w.cases.length) : null,
    persons: fresh.length
      ? insertRows(
          'insured_person',
          fresh.map((p) => newPersonRow(p, w.smoId)),
        )
      : null,
    history: insertRows('case_history', historyRows(w, plans)),
  };
  changed.forEach((p, i) => {
    parts[`person_update_${i}`] = updateById('insured_person', p.id, asColumns({ ...personFields(p.data), updatedAt: new Date() }));
    parts[`search_text_${i}`] = refreshOtherCasesSearchText(p);
  });
  const insert = insertRows(
    'refusal_case',
    w.cases.map((c, i) => caseRow(w, c, i, plans.get(c.data.person.enp)!.id)),
  );
  return withStatements(parts, { sql: `${insert.sql} returning ${returning}`, params: insert.params });
}
