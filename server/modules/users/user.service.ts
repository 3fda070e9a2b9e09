import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../../db/sql.js';
import { scopeFilter } from '../../access/records.js';
import { UserErrorCode, domainError, notFound, staleVersion } from '../../shared/errors.js';
import { validate } from '../../shared/validation.js';

import { lockKeys } from '../../db/locks.js';
import { hashPassword } from '../auth/password.js';
import { passwordWeakness } from '../auth/password-strength.js';
import { ROLE_LABEL, Role, organisationKindForRole } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { ORGANISATION_KIND_LABEL } from '../organisations/organisation-kind.js';
import { Organisation } from '../organisations/organisation.entity.js';
import {
  createUserSchema,
  mySettingsSchema,
  passwordSchema,
  updateUserSchema,
  type CreateUserInput,
  type UpdateMySettingsInput,
  type UpdateUserInput,
} from './user.inputs.js';

/** Administrators and the fund see every user; others see the users of their own organisation. */
export function listUsers(em: EntityManager, viewer: Viewer, organisationId?: string | null): Promise<User[]> {
  return em.find(
    User,
    { $and: [scopeFilter(viewer, 'organisation'), organisationId ? { organisation: organisationId } : {}] },
    { orderBy: { fullName: 'asc' } },
  );
}

export function findUser(em: EntityManager, viewer: Viewer, id: string): Promise<User | null> {
  return em.findOne(User, { $and: [{ id }, scopeFilter(viewer, 'organisation')] });
}

/** Decides whether a user of this role may belong to that organisation. */
async function organisationForRole(em: EntityManager, role: Role, organisationId?: string | null): Promise<Organisation | null> {
  const requiredKind = organisationKindForRole(role);
  if (!organisationId) {
    if (requiredKind) {
      throw domainError('organisationId', UserErrorCode.REQUIRED, `Для роли «${ROLE_LABEL[role]}» укажите организацию`);
    }
    return null;
  }
  const organisation = await em.findOne(Organisation, { id: organisationId });
  if (!organisation) throw notFound('organisationId', 'Организация');
  if (requiredKind && organisation.kind !== requiredKind) {
    throw domainError(
      'organisationId',
      UserErrorCode.NOT_ALLOWED,
      `Роль «${ROLE_LABEL[role]}» допустима только в организации вида «${ORGANISATION_KIND_LABEL[requiredKind]}»`,
    );
  }
  return organisation;
}

function assertStrongPassword(password: string, personal: Array<string | null | undefined>): void {
  const weakness = passwordWeakness(password, personal);
  if (weakness) throw domainError('password', UserErrorCode.INVALID, weakness);
}

export async function createUser(em: EntityManager, input: CreateUserInput): Promise<User> {
  const data = validate(createUserSchema, input);
  assertStrongPassword(data.password, [data.login, data.fullName]);
  if (await em.count(User, { login: data.login })) {
    throw domainError('login', UserErrorCode.ALREADY_EXISTS, `Логин «${data.login}» уже занят`);
  }
  const organisation = await organisationForRole(em, data.role, data.organisationId);
  const user = em.create(User, {
    login: data.login,
    fullName: data.fullName,
    position: data.position ?? null,
    specialty: data.specialty ?? null,
    expertRegistryNumber: data.expertRegistryNumber ?? null,
    email: data.email ?? null,
    role: data.role,
    organisation,
    passwordHash: await hashPassword(data.password),
  });
  await em.flush();
  return user;
}

async function loadForEdit(em: EntityManager, id: string, version: number): Promise<User> {
  const user = await em.findOne(User, { id });
  if (!user) throw notFound('id', 'Пользователь');
  if (user.version !== version) throw staleVersion(user.version);
  return user;
}

/**
 * Somebody must always be able to administer Razbor: nobody switches themselves off, and the last
 * active administrator is not switched off. Counted under a lock, so two administrators switching
 * each other off at once cannot both succeed.
 */
async function assertAdministrationSurvives(em: EntityManager, viewer: Viewer, user: User): Promise<void> {
  if (user.id === viewer.userId) throw domainError('active', UserErrorCode.NOT_ALLOWED, 'Нельзя отключить самого себя');
  if (user.role !== Role.ADMIN) return;
  await lockKeys(em, 'active-administrators');
  const [{ others }] = await execute<{ others: string }>(em, sql`select count(*) as others from app_user where role = 'ADMIN' and active and id <> ${user.id}`);
  if (Number(others) === 0) throw domainError('active', UserErrorCode.NOT_ALLOWED, 'Это последний действующий администратор: сначала назначьте другого');
}

export async function updateUser(em: EntityManager, viewer: Viewer, input: UpdateUserInput): Promise<User> {
  const data = validate(updateUserSchema, input);
  const user = await loadForEdit(em, data.id, data.version);
  if (data.active === false && user.active) await assertAdministrationSurvives(em, viewer, user);
  if (data.fullName != null) user.fullName = data.fullName;
  if (data.position !== undefined) user.position = data.position;
  if (data.specialty !== undefined) user.specialty = data.specialty;
  if (data.expertRegistryNumber !== undefined) user.expertRegistryNumber = data.expertRegistryNumber;
  if (data.email !== undefined) user.email = data.email;
  if (data.active != null && data.active !== user.active) {
    user.active = data.active;
    if (!data.active) user.tokenVersion += 1;
  }
  await em.flush();
  return user;
}

/** What a user sets for themself: the address mail goes to. */
export async function updateMySettings(em: EntityManager, viewer: Viewer, input: UpdateMySettingsInput): Promise<User> {
  const data = validate(mySettingsSchema, input);
  const user = await loadForEdit(em, viewer.userId, data.version);
  if (data.email !== undefined) user.email = data.email;
  await em.flush();
  return user;
}

/** Sets a new password; every token issued before stops working. */
export async function resetUserPassword(em: EntityManager, id: string, version: number, password: string): Promise<User> {
  const newPassword = validate(passwordSchema, password, 'password');
  const user = await loadForEdit(em, validate(updateUserSchema.shape.id, id, 'id'), version);
  assertStrongPassword(newPassword, [user.login, user.fullName]);
  user.passwordHash = await hashPassword(newPassword);
  user.tokenVersion += 1;
  await em.flush();
  return user;
}
