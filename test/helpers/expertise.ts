import {
  CreatePerCapitaNormDocument,
  AddFindingDocument,
  ExpertiseDocument,
  OpenExpertiseDocument,
  RegisterRefusalCaseDocument,
  RecordDiscussionDocument,
  SignExpertiseDocument,
  type AddFindingInput,
  type CareEpisodeInput,
  type OpenExpertiseInput,
} from '../../client/generated/graphql.js';
import { caseInput, type CaseParties } from './fixtures.js';
import type { TestServer } from './server.js';

export async function openExpertise(server: TestServer, token: string, input: OpenExpertiseInput) {
  const { openExpertise: payload } = await server.ok(OpenExpertiseDocument, { input }, token);
  if (!payload.result) throw new Error(JSON.stringify(payload.errors));
  return payload.result;
}

export async function addFinding(server: TestServer, token: string, input: AddFindingInput) {
  return (await server.ok(AddFindingDocument, { input }, token)).addFinding;
}

let episodeCount = 0;

/** A new inpatient case of care for a finding, with a record number of its own. */
export const newEpisode = (tariff: string, extra: Partial<CareEpisodeInput> = {}): CareEpisodeInput => ({
  recordNumber: `История болезни № ${++episodeCount}`,
  careFrom: '2024-03-01',
  careTo: '2024-03-12',
  normKindCode: 'INPATIENT',
  tariff,
  ...extra,
});

export const DISCUSSION_PARTICIPANTS = [
  { side: 'SMO' as const, name: 'Иванова А. П.', position: 'врач-эксперт' },
  { side: 'MO' as const, name: 'Гаглоева М. Р.', position: 'заместитель главного врача' },
];

export async function discuss(server: TestServer, token: string, expertiseId: string, heldOn: string) {
  return (await server.ok(RecordDiscussionDocument, { input: { expertiseId, heldOn, participants: DISCUSSION_PARTICIPANTS } }, token)).recordDiscussion;
}

/** A new case of the SMO expert's, with an ЭКМП opened on it and one finding of code 3.2.1 at the given tariff. */
export async function caseWithFinding(server: TestServer, world: { parties: CaseParties; tokens: { expertA: string } }, tariff = '1.00') {
  const token = world.tokens.expertA;
  const refusalCase = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, token)).registerRefusalCase.result!;
  const expertise = await openExpertise(server, token, { caseId: refusalCase.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
  const finding = (await addFinding(server, token, { expertiseId: expertise.id, code: '3.2.1', description: 'x', episode: newEpisode(tariff) })).result!;
  return { refusalCase, expertise, finding };
}

/** Signs an expertise at its current version. */
export async function signExpertise(server: TestServer, token: string, id: string) {
  const current = (await server.ok(ExpertiseDocument, { id }, token)).expertise;
  return (await server.ok(SignExpertiseDocument, { id, version: current!.version }, token)).signExpertise;
}

/** The fund's repeat expertise behind a decision on a claim, held on the given day. */
export const repeatExpertise = (heldOn: string) => ({ type: 'EKMP' as const, heldOn, expert: 'Петрова И. С., врач-невролог, реестр экспертов № 15-0042' });

/** Per-capita norms for 2024 (inpatient and outpatient), so that conclusions of that year can be signed. */
export async function createNorms2024(server: TestServer) {
  for (const [normKindCode, amount] of [
    ['INPATIENT', '25000.00'],
    ['OUTPATIENT', '3100.50'],
  ] as const) {
    const { createPerCapitaNorm } = await server.ok(
      CreatePerCapitaNormDocument,
      { input: { normKindCode, amount, validFrom: '2024-01-01', validTo: '2024-12-31', basis: 'Территориальная программа на 2024 год' } },
      server.adminToken,
    );
    if (createPerCapitaNorm.errors.length) throw new Error(JSON.stringify(createPerCapitaNorm.errors));
  }
}
