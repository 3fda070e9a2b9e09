import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../modules/auth/password.js';
import { passwordWeakness } from '../modules/auth/password-strength.js';
import { Role } from '../modules/auth/role.js';
import { User } from '../modules/auth/user.entity.js';

export const ADMIN_LOGIN = 'admin';

/** 96 random bits: strong by any estimate, short enough to type once. */
export const generatePassword = () => randomBytes(12).toString('base64url');

/**
 * On a database with no users, creates the administrator. Returns the password when it was
 * generated here (to be shown once), null otherwise.
 */
export async function ensureAdministrator(em: EntityManager, configuredPassword?: string): Promise<{ created: boolean; generatedPassword: string | null }> {
  if ((await em.count(User, {})) > 0) return { created: false, generatedPassword: null };
  const weakness = configuredPassword ? passwordWeakness(configuredPassword, [ADMIN_LOGIN]) : null;
  if (weakness) throw new Error(`RAZBOR_ADMIN_PASSWORD: ${weakness}`);
  const generatedPassword = configuredPassword ? null : generatePassword();
  em.create(User, {
    login: ADMIN_LOGIN,
    fullName: 'Администратор Razbor',
    role: Role.ADMIN,
    organisation: null,
    passwordHash: await hashPassword(configuredPassword ?? generatedPassword!),
  });
  await em.flush();
  return { created: true, generatedPassword };
}
