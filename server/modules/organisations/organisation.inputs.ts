import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { UserErrorCode } from '../../shared/errors.js';
import { isValidRegistrationNumber } from '../../shared/identifiers.js';
import { idSchema, text, withCode } from '../../shared/validation.js';
import { OrganisationKind } from './organisation-kind.js';

@InputType({ description: 'Новая организация' })
export class CreateOrganisationInput {
  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Field()
  fullName!: string;

  @Field()
  shortName!: string;

  @Field({ description: 'ОГРН (13 цифр) или ОГРНИП (15 цифр) с контрольной цифрой' })
  ogrn!: string;

  @Field({ nullable: true, description: 'Код в реестре ТФОМС' })
  registryCode?: string;

  @Field()
  region!: string;
}

@InputType({ description: 'Изменение организации; поля, которые не переданы, остаются как есть' })
export class UpdateOrganisationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Версия, которую правит пользователь' })
  version!: number;

  @Field({ nullable: true })
  fullName?: string;

  @Field({ nullable: true })
  shortName?: string;

  @Field({ nullable: true })
  ogrn?: string;

  @Field({ nullable: true, description: 'Код в реестре ТФОМС' })
  registryCode?: string;

  @Field({ nullable: true })
  region?: string;

  @Field({ nullable: true })
  active?: boolean;
}

export const ogrnSchema = z
  .string()
  .trim()
  .regex(/^(\d{13}|\d{15})$/, { message: 'ОГРН — 13 цифр, ОГРНИП индивидуального предпринимателя — 15 цифр' })
  .refine(isValidRegistrationNumber, withCode(UserErrorCode.INVALID_CHECKSUM, 'Неверная контрольная цифра ОГРН (ОГРНИП)'));

const organisationFields = {
  fullName: text(500, 'Полное наименование'),
  shortName: text(200, 'Краткое наименование'),
  ogrn: ogrnSchema,
  region: text(200, 'Субъект РФ'),
  registryCode: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-zА-Яа-я-]{1,20}$/, { message: 'Код в реестре ТФОМС: до 20 цифр и букв' })
    .nullish()
    .transform((v) => v ?? null),
};

export const createOrganisationSchema = z.object({
  kind: z.enum(OrganisationKind),
  ...organisationFields,
});

export const updateOrganisationSchema = z.object({
  id: idSchema('Организация'),
  version: z.number().int(),
  fullName: organisationFields.fullName.nullish(),
  shortName: organisationFields.shortName.nullish(),
  ogrn: organisationFields.ogrn.nullish(),
  registryCode: organisationFields.registryCode,
  region: organisationFields.region.nullish(),
  active: z.boolean().nullish(),
});
