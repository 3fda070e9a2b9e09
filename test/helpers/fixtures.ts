import { randomInt } from 'node:crypto';
import {
  CreateOrganisationDocument,
  CreateUserDocument,
  RecordCommissionReviewDocument,
  RootCausesDocument,
  type OrganisationKind,
  type RecordCommissionReviewInput,
  type RegisterRefusalCaseInput,
  type Role,
} from '../../client/generated/graphql.js';
import { DEMO_OGRN } from '../../server/bootstrap/demo.js';
import { enpCheckDigit, ogrnCheckDigit } from '../../server/shared/identifiers.js';
import type { TemplateRow } from '../../server/modules/cases/import/case-sheet.template.js';
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

/** SMO experts are quality experts of the register (an ЭКМП needs their specialty and number). */
const EXPERT_CREDENTIALS = { specialty: 'неврология', expertRegistryNumber: '15-0101' };

/** Creates a user of the role in the organisation and signs them in. */

export async function createUserAndLogin(
  server: TestServer,
  role: Role,
  organisationId: string | null,
  credentials: Partial<typeof EXPERT_CREDENTIALS> = EXPERT_CREDENTIALS,
) {
  const login = unique(role.toLowerCase().replace(/_/g, '.'));
  const expert = role === 'SMO_EXPERT' ? credentials : {};
  const { createUser: payload } = await server.ok(
    CreateUserDocument,
    { input: { login, fullName: `Тестовый пользователь ${login}`, role, organisationId, password: TEST_PASSWORD, ...expert } },
    server.adminToken,
  );
  if (!payload.result) throw new Error(JSON.stringify(payload.errors));
  return { user: payload.result, token: await server.login(login, TEST_PASSWORD) };
}

export function validEnp(): string {
  const first15 = `${randomInt(1, 10)}${String(randomInt(0, 10 ** 14)).padStart(14, '0')}`;
  return `${first15}${enpCheckDigit(first15)}`;
}

export function invalidEnp(): string {
  const valid = validEnp();
  return `${valid.slice(0, 15)}${(Number(valid[15]) + 1) % 10}`;
}

export interface CaseParties {
  moId: string;
  bureauId: string;
}

/** A valid registration input; every call is a different person unless `person` is given. */
export function caseInput(parties: CaseParties, overrides: Partial<RegisterRefusalCaseInput> = {}): RegisterRefusalCaseInput {
  return {
    person: {
      enp: validEnp(),
      snils: '112-233-445 95',
      surname: 'Цаликова',
      name: 'Фатима',
      patronymic: 'Хасановна',
      birthDate: '1961-03-14',
      sex: 'FEMALE',
    },
    moId: parties.moId,
    bureauId: parties.bureauId,
    referralNumber: '088-1234',
    referralDate: '2024-02-01',
    refusalDate: '2024-02-20',
    refusalDocumentNumber: 'ОТК-55/2024',
    mainDiagnosis: 'I63.5',
    secondaryDiagnoses: ['E11', 'I10'],
    missingExaminations: [
      { name: 'Консультация невролога', namedByBureau: true },
      { name: 'МРТ головного мозга', namedByBureau: false },
    ],
    remarks: 'Направление возвращено без протокола ВК',
    ...overrides,
  };
}

/** A minimal valid commission review of a case, recorded by its MO. */
export async function recordReview(server: TestServer, moToken: string, caseId: string, extra: Partial<RecordCommissionReviewInput> = {}) {
  const { rootCauses } = await server.ok(RootCausesDocument, {}, moToken);
  const { recordCommissionReview } = await server.ok(
    RecordCommissionReviewDocument,
    {
      input: {
        caseId,
        protocolNumber: 'ВК-17',
        protocolDate: '2024-05-06',
        members: [
          { name: 'Гаглоева М. Р.', position: 'заместитель главного врача', role: 'CHAIR' },
          { name: 'Кокоев А. Б.', position: 'заведующий отделением', role: 'MEMBER' },
        ],
        causes: [{ rootCauseId: rootCauses.find((c) => c.code === 'NOT_PRESCRIBED')!.id }],
        conclusion: 'Консультация невролога не назначена лечащим врачом',
        ...extra,
      },
    },
    moToken,
  );
  return recordCommissionReview;
}

/**
 * Two SMOs, two MOs, a bureau and the fund, with a signed-in user each: side A is party to the
 * cases a test registers (SMO A, MO A), side B is the other side of the access line.
 */
export async function twoSidedWorld(server: TestServer) {
  const [smoA, smoB, moA, moB, bureau, fund] = await Promise.all([
    createOrganisation(server, 'SMO'),
    createOrganisation(server, 'SMO'),
    createOrganisation(server, 'MO'),
    createOrganisation(server, 'MO'),
    createOrganisation(server, 'MSE_BUREAU'),
    createOrganisation(server, 'FUND'),
  ]);
  const [expertA, expertB, moUserA, moUserB, monitoring] = (
    await Promise.all([
      createUserAndLogin(server, 'SMO_EXPERT', smoA.id),
      createUserAndLogin(server, 'SMO_EXPERT', smoB.id),
      createUserAndLogin(server, 'MO_COMMISSION', moA.id),
      createUserAndLogin(server, 'MO_COMMISSION', moB.id),
      createUserAndLogin(server, 'MONITORING', fund.id),
    ])
  ).map((u) => u.token);
  return {
    parties: { moId: moA.id, bureauId: bureau.id },
    organisations: { smoA, smoB, moA, moB, bureau, fund },
    tokens: { expertA, expertB, moA: moUserA, moB: moUserB, monitoring },
  };
}

/** The demo organisations the shipped spreadsheet example names by ОГРН. */
export async function createDemoOrganisations(server: TestServer): Promise<void> {
  for (const [key, kind] of [
    ['mo1', 'MO'],
    ['mo2', 'MO'],
    ['mo3', 'MO'],
    ['bureau', 'MSE_BUREAU'],
  ] as const) {
    await server.ok(
      CreateOrganisationDocument,
      { input: { kind, fullName: `Демо ${key}`, shortName: `Демо ${key}`, ogrn: DEMO_OGRN[key], region: 'РСО-Алания' } },
      server.adminToken,
    );
  }
}

/** One row of the cases spreadsheet, naming the demo organisations by ОГРН unless told otherwise. */
export function caseSheetRow(overrides: Partial<TemplateRow> = {}): TemplateRow {
  return {
    enp: validEnp(),
    snils: '112-233-445 95',
    surname: 'Тестова',
    name: 'Анна',
    patronymic: 'Ивановна',
    birthDate: '01.01.1970',
    sex: 'Ж',
    moOgrn: DEMO_OGRN.mo1,
    bureauOgrn: DEMO_OGRN.bureau,
    referralNumber: '088-1',
    referralDate: '10.01.2024',
    refusalDate: '25.01.2024',
    refusalDocumentNumber: 'ОТК-1',
    mainDiagnosis: 'I63.5',
    secondaryDiagnoses: 'E11',
    missingExaminations: 'ЭКГ*; Консультация кардиолога',
    remarks: 'из файла',
    ...overrides,
  };
}
