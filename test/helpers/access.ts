import { OPERATION_ACCESS, type RecordScope } from '../../server/access/operations.js';

export type Role = 'SMO_EXPERT' | 'MO_COMMISSION' | 'MONITORING' | 'ADMIN';
export const ALL: Role[] = ['SMO_EXPERT', 'MO_COMMISSION', 'MONITORING', 'ADMIN'];

/**
 * The server's operations policy as the tests read it: for every query and mutation, the roles
 * that pass (the others get FORBIDDEN) and what limits the records it reaches. Its reviewed copy,
 * `test/api/access-policy.snapshot.json`, makes every change of the policy a visible diff.
 */
export const ACCESS: Record<string, { roles: Role[]; records: RecordScope }> = Object.fromEntries(
  Object.entries(OPERATION_ACCESS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { callers, records }]) => [name, { roles: typeof callers === 'string' ? ALL : (callers as Role[]), records }]),
);
