import type { EntityManager } from '@mikro-orm/postgresql';
import { SEX_LABEL } from './sex.js';
import { PERSON_FIELDS } from '../../shared/case-fields.js';
import { InsuredPerson } from './insured-person.entity.js';
import type { PersonData } from '../cases/refusal-case.rules.js';
import type { FieldChange } from '../cases/case-history.entity.js';

export const PERSON_FIELD_LABELS: Record<string, string> = Object.fromEntries(Object.entries(PERSON_FIELDS).map(([field, { label }]) => [field, label]));

/** The fields of a person that people type and the history compares. */
export type PersonDetails = Pick<InsuredPerson, 'enp' | 'snils' | 'surname' | 'name' | 'patronymic' | 'birthDate' | 'sex'>;

const snapshot = (p: PersonData | PersonDetails): Record<string, string | null> => ({
  enp: p.enp,
  snils: p.snils ?? null,
  surname: p.surname,
  name: p.name,
  patronymic: p.patronymic ?? null,
  birthDate: p.birthDate,
  sex: SEX_LABEL[p.sex],
});

export interface PersonResolution {
  person: InsuredPerson;
  created: boolean;
  /** Changes made to an existing person's data (as typed now against as stored). */
  changes: FieldChange[];
}

/** What the typed data changes in the stored person, field by field, labelled for the history. */
export function personChanges(stored: PersonDetails, typed: PersonData): FieldChange[] {
  const before = snapshot(stored);
  const after = snapshot(typed);
  return Object.keys(PERSON_FIELD_LABELS)
    .filter((f) => before[f] !== after[f])
    .map((f) => ({ field: `person.${f}`, label: PERSON_FIELD_LABELS[f], from: before[f], to: after[f] }));
}

/** The person's stored fields as typed (the ЕНП checksum decision is kept from the first time). */
export const personFields = (data: PersonData) => ({
  enp: data.enp,
  snils: data.snils,
  surname: data.surname,
  name: data.name,
  patronymic: data.patronymic,
  birthDate: data.birthDate,
  sex: data.sex,
});

/**
 * Finds the SMO's own record of the person by ЕНП (never creating a second one for that SMO) and
 * brings its data up to date. Another SMO's record of the same ЕНП is never read or changed.
 */
export async function resolvePerson(em: EntityManager, smoId: string, data: PersonData): Promise<PersonResolution> {
  const existing = await em.findOne(InsuredPerson, { enp: data.enp, smo: smoId });
  if (!existing) {
    const person = em.create(InsuredPerson, { ...personFields(data), smo: smoId, enpChecksumOverridden: Boolean(data.enpChecksumOverride) });
    return { person, created: true, changes: [] };
  }
  const changes = personChanges(existing, data);
  em.assign(existing, personFields(data));
  return { person: existing, created: false, changes };
}
