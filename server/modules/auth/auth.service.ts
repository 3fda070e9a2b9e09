import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../../db/sql.js';
import { UserErrorCode, domainError } from '../../shared/errors.js';
import { decoyPasswordHash, passwordMatches } from './password.js';
import { RevokedToken, User } from './user.entity.js';
import type { TokenClaims, TokenService } from './token.service.js';
import { Viewer } from './viewer.js';
import type { Role } from './role.js';

interface ViewerRow {
  id: string;
  role: Role;
  organisation_id: string | null;
  active: boolean;
  token_version: number;
  revoked: boolean;
}

/** The viewer a verified token names; null without claims, or when the user is inactive, the token revoked or issued before a reset. */
export async function viewerFromClaims(em: EntityManager, claims: TokenClaims | null): Promise<{ viewer: Viewer; claims: TokenClaims } | null> {
  if (!claims) return null;
  const [row] = await execute<ViewerRow>(
    em,
    sql`select u.id, u.role, u.organisation_id, u.active, u.token_version,
            exists (select 1 from revoked_token r where r.token_id = ${claims.tokenId}) as revoked
       from app_user u where u.id = ${claims.userId}`,
  );
  if (!row || !row.active || row.revoked || row.token_version !== claims.tokenVersion) return null;
  return { viewer: new Viewer(row.id, row.role, row.organisation_id), claims };
}

const invalidCredentials = () => domainError(null, UserErrorCode.INVALID_CREDENTIALS, 'Неверный логин или пароль');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: User;
}

export async function login(em: EntityManager, tokens: TokenService, loginName: string, password: string): Promise<LoginResult> {
  const user = await em.findOne(User, { login: loginName.trim().toLowerCase() }, { populate: ['passwordHash'] });
  // An unknown or inactive login costs the same hash check, so timing does not reveal it.
  const hashToCheck = user?.active ? user.passwordHash : await decoyPasswordHash();
  const matches = await passwordMatches(hashToCheck, password);
  if (!user || !user.active || !matches) throw invalidCredentials();
  // A sign-in is not an edit of the user record: it must not bump the record's version.
  await execute(em, sql`update app_user set last_login_at = now() where id = ${user.id}`);
  const issued = await tokens.issue(user.id, user.tokenVersion);
  return { ...issued, user };
}

export async function logout(em: EntityManager, claims: TokenClaims): Promise<void> {
  await em.upsert(RevokedToken, { tokenId: claims.tokenId, expiresAt: claims.expiresAt });
  await em.nativeDelete(RevokedToken, { expiresAt: { $lt: new Date() } });
}
