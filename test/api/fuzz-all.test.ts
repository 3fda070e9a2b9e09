import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, type Role } from '../helpers/access.js';
import { caseWithFinding } from '../helpers/expertise.js';
import { createUserAndLogin, twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { fuzzRuns } from '../helpers/test-size.js';
import { writeFingerprint } from '../helpers/fingerprint.js';

const RUNS_PER_MUTATION = fuzzRuns(40);

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
const mutations = Object.values(schema.getMutationType()!.getFields()).filter((f) => f.name !== 'logout');

let server: TestServer;
let tokens: Record<Role, string>;
const knownIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const world = await twoSidedWorld(server);
  tokens = {
    SMO_EXPERT: world.tokens.expertA,
    MO_COMMISSION: world.tokens.moA,
    MONITORING: world.tokens.monitoring,
    ADMIN: (await createUserAndLogin(server, 'ADMIN', null)).token,
  };
  const { refusalCase: c, expertise: e, finding: f } = await caseWithFinding(server, world);
  knownIds.push(
    c.id,
    e.id,
    f.id,
    world.parties.moId,
    world.parties.bureauId,
    world.organisations.smoB.id,
    world.organisations.moB.id,
    '00000000-0000-0000-0000-000000000000',
  );
});
afterAll(() => server?.stop());

const fingerprint = () => writeFingerprint(server);

const nasty = fc.constantFrom("' OR 1=1 --", '<script>alert(1)</script>', '\u0000\u001b', 'x'.repeat(10_000), '', '   ', 'null', '𝒜\u202e');
const text = fc.oneof(fc.string({ maxLength: 30 }), nasty);

/** Values of a GraphQL input type: mostly well-typed but wrong, sometimes of the wrong type. */
function arbitraryOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryOf(type.ofType, depth);
  if (isListType(type)) return fc.array(arbitraryOf(type.ofType, depth + 1), { maxLength: 3 });
  if (isEnumType(type)) return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: text });
  if (isScalarType(type)) {
    const wrong = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null));
    const right: Record<string, fc.Arbitrary<unknown>> = {
      ID: fc.oneof(fc.constantFrom(...knownIds), fc.uuid(), text),
      String: text,
      Int: fc.oneof(fc.integer({ min: -3, max: 2030 }), fc.constant(2024)),
      Boolean: fc.boolean(),
      LocalDate: fc.oneof(fc.constantFrom('2024-02-30', '0001-01-01', '2024-05-06', '9999-12-31', '2026-12-31'), text),
      Decimal: fc.oneof(fc.constantFrom('0', '1.00', '-5', '1e9', '99999999999999.99', '0.001'), text),
      DateTimeISO: fc.constantFrom('2024-01-01T00:00:00Z', 'not a date'),
    };
    return fc.oneof({ weight: 9, arbitrary: right[type.name] ?? text }, { weight: 1, arbitrary: wrong });
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, arbitraryOf(f.type, depth + 1)])), {
      requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
    });
  }
  return text;
}

function documentOf(field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isObjectType(named) ? ` { ${'errors' in named.getFields() ? 'errors { field message code }' : '__typename'} }` : '';
  return `mutation${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

describe('every mutation, with inputs generated from its schema', () => {
  it.each(mutations.map((m) => [m.name, m] as const))('%s', async (name, field) => {
    const role = ACCESS[name].roles[0];
    const token = name === 'login' ? null : tokens[role];
    const document = documentOf(field);
    const variables = fc.record(Object.fromEntries(field.args.map((a) => [a.name, arbitraryOf(a.type)])));
    await fc.assert(
      fc.asyncProperty(variables, async (values) => {
        const before = await fingerprint();
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query: document, variables: values }),
        });
        const body = await response.text();
        expect(body).not.toMatch(/INTERNAL_SERVER_ERROR|stacktrace|\n\s+at |node_modules/);
        const json = JSON.parse(body) as { data?: Record<string, { errors?: unknown[] } | null>; errors?: unknown[] };
        const payload = json.data?.[name];
        const refused = Boolean(json.errors?.length) || !payload || (payload.errors?.length ?? 0) > 0;
        if (refused) expect(await fingerprint()).toBe(before);
      }),
      { numRuns: RUNS_PER_MUTATION },
    );
  });
});
