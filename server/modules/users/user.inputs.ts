import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { emailAddress, idSchema, text } from '../../shared/validation.js';
import { Role } from '../auth/role.js';

@InputType({ description: 'Новый пользователь' })
export class CreateUserInput {
  @Field({ description: 'Логин: латинские буквы, цифры, точка, дефис, подчёркивание' })
  login!: string;

  @Field()
  fullName!: string;

  @Field({ nullable: true })
  position?: string;

  @Field({ nullable: true, description: 'Специальность эксперта (для ЭКМП обязательна)' })
  specialty?: string;

  @Field({ nullable: true, description: 'Номер в реестре экспертов качества (для ЭКМП обязателен)' })
  expertRegistryNumber?: string;

  @Field({ nullable: true, description: 'Адрес для уведомлений и ежедневной сводки; пусто — писем нет' })
  email?: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Организация; обязательна для всех ролей, кроме администратора' })
  organisationId?: string;

  @Field({ description: 'Начальный пароль, не короче 8 символов' })
  password!: string;
}

@InputType({ description: 'Изменение пользователя; поля, которые не переданы, остаются как есть' })
export class UpdateUserInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field({ nullable: true })
  fullName?: string;

  @Field({ nullable: true })
  position?: string;

  @Field({ nullable: true })
  specialty?: string;

  @Field({ nullable: true })
  expertRegistryNumber?: string;

  @Field({ nullable: true, description: 'Адрес для писем; пустая строка — убрать' })
  email?: string;

  @Field({ nullable: true, description: 'false — отключить пользователя: его токены перестают действовать' })
  active?: boolean;
}

export const passwordSchema = z.string().min(8, { message: 'Пароль должен быть не короче 8 символов' }).max(200, { message: 'Пароль длиннее 200 символов' });

export const createUserSchema = z.object({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, { message: 'Логин: от 3 до 64 латинских букв, цифр, точек, дефисов или подчёркиваний' }),
  fullName: text(300, 'ФИО'),
  position: text(300, 'Должность').nullish(),
  specialty: text(300, 'Специальность').nullish(),
  expertRegistryNumber: text(50, 'Номер в реестре экспертов').nullish(),
  email: emailAddress(),
  role: z.enum(Role),
  organisationId: idSchema('Организация').nullish(),
  password: passwordSchema,
});

export const updateUserSchema = z.object({
  id: idSchema('Пользователь'),
  version: z.number().int(),
  fullName: text(300, 'ФИО').nullish(),
  position: text(300, 'Должность').nullish(),
  specialty: text(300, 'Специальность').nullish(),
  expertRegistryNumber: text(50, 'Номер в реестре экспертов').nullish(),
  email: emailAddress(),
  active: z.boolean().nullish(),
});

@InputType({ description: 'Свои настройки пользователя' })
export class UpdateMySettingsInput {
  @Field(() => Int)
  version!: number;

  @Field(() => String, { nullable: true, description: 'Адрес для уведомлений и ежедневной сводки; пусто — писем нет' })
  email?: string | null;
}

export const mySettingsSchema = z.object({ version: z.number().int(), email: emailAddress() });
