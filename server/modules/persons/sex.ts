import { registerEnumType } from 'type-graphql';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

registerEnumType(Sex, {
  name: 'Sex',
  description: 'Пол',
  valuesConfig: { MALE: { description: 'мужской' }, FEMALE: { description: 'женский' } },
});

export const SEX_LABEL: Record<Sex, string> = { MALE: 'мужской', FEMALE: 'женский' };
