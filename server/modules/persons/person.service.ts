import type { EntityManager } from '@mikro-orm/postgresql';
import { SEX_LABEL } from './sex.js';
import { InsuredPerson } from './insured-person.entity.js';
import type { PersonData } from '../cases/refusal-case.rules.js';
import type { FieldChange } from '../cases/case-history.entity.js';

export const PERSON_FIELD_LABELS: Record<string, string> = {
  enp: 'ЕНП',
  snils: 'СНИЛС',
  surname: 'Фамилия',
  name: 'Имя',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  sex: 'Пол',
};

const snapshot = (p: PersonData | InsuredPerson): Record<string, string | null> => ({
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

/** Finds the person by ЕНП (never creating a second one) and brings the stored data up to date. */
export async function resolvePerson(em: EntityManager, data: PersonData): Promise<PersonResolution> {
  const fields = {
    enp: data.enp,
    snils: data.snils,
    surname: data.surname,
    name: data.name,
    patronymic: data.patronymic,
    birthDate: data.birthDate,
    sex: data.sex,
  };
  const existing = await em.findOne(InsuredPerson, { enp: data.enp });
  if (!existing) {
    const person = em.create(InsuredPerson, { ...fields, enpChecksumOverridden: Boolean(data.enpChecksumOverride) });
    return { person, created: true, changes: [] };
  }
  const before = snapshot(existing);
  em.assign(existing, fields);
  const after = snapshot(existing);
  const changes = Object.keys(PERSON_FIELD_LABELS)
    .filter((f) => before[f] !== after[f])
    .map((f) => ({ field: `person.${f}`, label: PERSON_FIELD_LABELS[f], from: before[f], to: after[f] }));
  return { person: existing, created: false, changes };
}
