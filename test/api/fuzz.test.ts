import fc from 'fast-check';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddFindingDocument,
  CreateOrganisationDocument,
  ImportRefusalCasesDocument,
  RecordCommissionReviewDocument,
  RegisterRefusalCaseDocument,
  UpdateRefusalCaseDocument,
} from '../../client/generated/graphql.js';
import { addFinding, openExpertise, newEpisode } from '../helpers/expertise.js';
import { caseInput, twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { fuzzRuns } from '../helpers/test-size.js';
import { writeFingerprint } from '../helpers/fingerprint.js';

const RUNS = fuzzRuns(400);

let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;
let caseRecord: { id: string; version: number };
let expertiseId: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
  caseRecord = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, world.tokens.expertA)).registerRefusalCase.result!;
  expertiseId = (await openExpertise(server, world.tokens.expertA, { caseId: caseRecord.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' })).id;
  await addFinding(server, world.tokens.expertA, { expertiseId, code: '3.2.1', description: 'x', episode: newEpisode('1.00') });
});
afterAll(() => server?.stop());

const fingerprint = () => writeFingerprint(server);

describe('the write fingerprint the fuzzers compare', () => {
  it('moves with a committed update that keeps every count, and not with a rolled-back one', async () => {
    const before = await fingerprint();
    await server.sql(`begin; update refusal_case set remarks = remarks where id = $1; rollback;`.replace('$1', `'${caseRecord.id}'`));
    expect(await fingerprint()).toBe(before);
    await server.sql('update refusal_case set remarks = remarks where id = $1', [caseRecord.id]);
    expect(await fingerprint()).not.toBe(before);
  });
});

const nasty = fc.constantFrom(
  "' OR 1=1 --",
  "'; drop table refusal_case; --",
  '<script>alert(1)</script>',
  '\u0000\u0001\u001b[31m',
  '𝒜𝒷𝒸 \u202e',
  '9'.repeat(400),
  'x'.repeat(20_000),
  '',
  '   ',
  '00000000-0000-0000-0000-000000000000',
  'null',
);
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }), nasty);
const date = fc.oneof(fc.constantFrom('0001-01-01', '2024-02-30', '2024-13-01', '9999-12-31', '2024-05-06', '1899-12-31', '24-05-06', ''), text);
const anyValue = fc.oneof(text, date, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anyValue);

async function send(document: string, variables: unknown, token: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document, variables }),
  });
  return { status: response.status, body: await response.text() };
}

/** A typed error or a success, never an internal error or a stack; a refusal changes nothing. */
async function checkAnswer(document: string, variables: unknown, token: string, field: string) {
  const before = await fingerprint();
  const { status, body } = await send(document, variables, token);
  expect(body).not.toMatch(/INTERNAL_SERVER_ERROR|stacktrace|\n\s+at |node_modules|syntax error at/i);
  expect([200, 400, 413]).toContain(status);
  const json = JSON.parse(body) as { data?: Record<string, { result: unknown; errors: Array<{ message: string; code: string }> }>; errors?: unknown[] };
  const payload = json.data?.[field];
  const refused = Boolean(json.errors?.length) || !payload || payload.errors.length > 0;
  if (payload?.errors.length) expect(payload.errors.every((e) => e.message && e.code)).toBe(true);
  if (refused) expect(await fingerprint()).toBe(before);
}

describe('random and adversarial input to the mutations', () => {
  it('registerRefusalCase', async () => {
    const input = fc.record({
      person: fc.record({
        enp: maybe(fc.constant('5000000000000009')),
        snils: maybe(fc.constant('112-233-445 95')),
        surname: text,
        name: text,
        patronymic: maybe(text),
        birthDate: date,
        sex: maybe(fc.constantFrom('MALE', 'FEMALE')),
      }),
      moId: maybe(fc.constantFrom(world.parties.moId, world.organisations.smoB.id, world.organisations.moB.id)),
      bureauId: maybe(fc.constant(world.parties.bureauId)),
      referralNumber: text,
      referralDate: date,
      refusalDate: date,
      refusalDocumentNumber: text,
      mainDiagnosis: maybe(fc.constantFrom('I63.5', 'I6', 'Z99.99')),
      secondaryDiagnoses: maybe(fc.array(text, { maxLength: 3 })),
      missingExaminations: maybe(fc.array(fc.record({ name: text, namedByBureau: fc.boolean() }), { maxLength: 2 })),
      remarks: maybe(text),
    });
    await fc.assert(
      fc.asyncProperty(input, (i) => checkAnswer(print(RegisterRefusalCaseDocument), { input: i }, world.tokens.expertA, 'registerRefusalCase')),
      { numRuns: RUNS },
    );
  });

  it('updateRefusalCase, including other organisations’ and unknown ids', async () => {
    const input = fc.record({
      id: fc.oneof(fc.constant(caseRecord.id), text),
      version: maybe(fc.integer({ min: -5, max: 5 })),
      remarks: maybe(text),
      mainDiagnosis: maybe(text),
      refusalDate: maybe(date),
      moId: maybe(fc.constantFrom(world.organisations.moB.id, world.parties.bureauId)),
    });
    await fc.assert(
      fc.asyncProperty(input, fc.constantFrom(world.tokens.expertA, world.tokens.expertB), (i, token) =>
        checkAnswer(print(UpdateRefusalCaseDocument), { input: i }, token, 'updateRefusalCase'),
      ),
      { numRuns: RUNS },
    );
  });

  it('addFinding', async () => {
    const input = fc.record({
      expertiseId: fc.oneof(fc.constant(expertiseId), text),
      code: maybe(fc.constantFrom('3.2.1', '3.2', '2.12', '1.1', '99.9')),
      description: text,
      episodeId: maybe(text),
      episode: maybe(
        fc.record({
          recordNumber: text,
          careFrom: date,
          careTo: date,
          normKindCode: maybe(fc.constantFrom('INPATIENT', 'OUTPATIENT', 'НЕТ')),
          tariff: maybe(fc.constantFrom('100.00', '-1', '1e9', '0.001', '99999999999999.99')),
        }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(input, (i) => checkAnswer(print(AddFindingDocument), { input: i }, world.tokens.expertA, 'addFinding')),
      { numRuns: RUNS },
    );
  });

  it('recordCommissionReview', async () => {
    const input = fc.record({
      caseId: fc.oneof(fc.constant(caseRecord.id), text),
      protocolNumber: text,
      protocolDate: date,
      members: maybe(fc.array(fc.record({ name: text, position: text, role: maybe(fc.constantFrom('CHAIR', 'MEMBER')) }), { maxLength: 3 })),
      causes: maybe(fc.array(fc.record({ rootCauseId: text, comment: maybe(text) }), { maxLength: 2 })),
      conclusion: text,
    });
    await fc.assert(
      fc.asyncProperty(input, fc.constantFrom(world.tokens.moA, world.tokens.moB), (i, token) =>
        checkAnswer(print(RecordCommissionReviewDocument), { input: i }, token, 'recordCommissionReview'),
      ),
      { numRuns: RUNS },
    );
  });

  it('createOrganisation and importRefusalCases with arbitrary files', async () => {
    const organisation = fc.record({
      kind: maybe(fc.constantFrom('MO', 'SMO')),
      fullName: text,
      shortName: text,
      ogrn: maybe(fc.constantFrom('1027700132195', '1027700132196')),
      region: text,
    });
    await fc.assert(
      fc.asyncProperty(organisation, (i) => checkAnswer(print(CreateOrganisationDocument), { input: i }, server.adminToken, 'createOrganisation')),
      { numRuns: RUNS / 2 },
    );
    const file = fc.record({
      fileName: fc.oneof(fc.constantFrom('a.csv', 'a.xlsx', 'a.pdf'), text),
      contentBase64: fc.oneof(fc.base64String({ maxLength: 400 }), text),
    });
    await fc.assert(
      fc.asyncProperty(file, (i) => checkAnswer(print(ImportRefusalCasesDocument), { input: i }, world.tokens.expertA, 'importRefusalCases')),
      { numRuns: RUNS / 2 },
    );
  });
});
