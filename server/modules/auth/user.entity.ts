import { newId } from '../../shared/ids.js';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity.js';
import { Role } from './role.js';

@ObjectType({ description: 'Пользователь Razbor' })
@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?:
    | 'active'
    | 'version'
    | 'tokenVersion'
    | 'createdAt'
    | 'updatedAt'
    | 'lastLoginAt'
    | 'position'
    | 'specialty'
    | 'expertRegistryNumber'
    | 'email';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Логин для входа' })
  @Property({ type: 'text', unique: true })
  login!: string;

  @Field({ description: 'Фамилия, имя, отчество' })
  @Property({ type: 'text' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'Должность' })
  @Property({ type: 'text', nullable: true })
  position: string | null = null;

  @Field(() => String, { nullable: true, description: 'Специальность эксперта (для ЭКМП обязательна)' })
  @Property({ type: 'text', nullable: true })
  specialty: string | null = null;

  @Field(() => String, { nullable: true, description: 'Номер в реестре экспертов качества медицинской помощи (для ЭКМП обязателен)' })
  @Property({ type: 'text', nullable: true })
  expertRegistryNumber: string | null = null;

  /** For notices and the daily digest; shown by a field resolver to the user and the administrators only. */
  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  @Field(() => Role)
  @Enum({ items: () => Role })
  role!: Role;

  @Field(() => Organisation, { nullable: true, description: 'Организация; у администратора может отсутствовать' })
  @ManyToOne(() => Organisation, { nullable: true, index: true })
  organisation: Rel<Organisation> | null = null;

  /** Never exposed through the API. */
  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field()
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  /** Bumped on password reset and deactivation: tokens issued before stop working. */
  @Property({ type: 'integer', default: 0 })
  tokenVersion: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version: number = 1;

  /** Exposed by a field resolver that shows it to the user and the administrators only. */
  @Property({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null = null;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** A failed sign-in, kept for a while to throttle guessing (in the database: shared by every server process). */
@Entity({ tableName: 'login_failure' })
@Index({ properties: ['key', 'failedAt'] })
export class LoginFailure {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** `pair:<login>|<address>`, `login:<login>` or `address:<address>`. */
  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  failedAt: Date = new Date();
}

/** Where a login last signed in successfully: guesses from elsewhere cannot lock the user out from there. */
@Entity({ tableName: 'login_known_address' })
export class LoginKnownAddress {
  @PrimaryKey({ type: 'text' })
  login!: string;

  @PrimaryKey({ type: 'text' })
  address!: string;

  @Property({ type: 'timestamptz' })
  lastSuccessAt!: Date;
}

/** Revoked tokens (logout) until they would have expired anyway. */
@Entity({ tableName: 'revoked_token' })
export class RevokedToken {
  @PrimaryKey({ type: 'text' })
  tokenId!: string;

  @Property({ type: 'timestamptz' })
  @Index()
  expiresAt!: Date;
}
