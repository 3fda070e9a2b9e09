import { randomInt } from 'node:crypto';
import {
  CreateOrganisationDocument,
  CreateUserDocument,
  type OrganisationKind,
  type Role,
} from '../../client/generated/graphql.js';
import { ogrnCheckDigit } from '../../server/shared/identifiers.js';
import type { TestServer } from './server.js';

export function validOgrn(): string {
  const first12 = `1${String(randomInt(0, 10 ** 11)).padStart(11, '0')}`;
  return `${first12}${ogrnCheckDigit(first12)}`;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createOrganisation(server: TestServer, kind: OrganisationKind, shortName = unique(kind)) {
  const { createOrganisation: payload } = await server.ok(
    CreateOrganisationDocument,
    { input: { kind, fullName: `Организация ${shortName}`, shortName, ogrn: validOgrn(), region: 'Республика Северная Осетия-Алания' } },
    server.adminToken,
  );
  if (!payload.result) throw new Error(JSON.stringify(payload.errors));
  return payload.result;
}

export const TEST_PASSWORD = 'password-for-tests';

/** Creates a user of the role in the organisation and signs them in. */
export async function createUserAndLogin(server: TestServer, role: Role, organisationId: string | null) {
  const login = unique(role.toLowerCase().replace(/_/g, '.'));
  const { createUser: payload } = await server.ok(
    CreateUserDocument,
    { input: { login, fullName: `Тестовый пользователь ${login}`, role, organisationId, password: TEST_PASSWORD } },
    server.adminToken,
  );
  if (!payload.result) throw new Error(JSON.stringify(payload.errors));
  return { user: payload.result, token: await server.login(login, TEST_PASSWORD) };
}
