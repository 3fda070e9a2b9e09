import {
  AddFindingDocument,
  OpenExpertiseDocument,
  RecordDiscussionDocument,
  type AddFindingInput,
  type OpenExpertiseInput,
} from '../../client/generated/graphql.js';
import type { TestServer } from './server.js';

export async function openExpertise(server: TestServer, token: string, input: OpenExpertiseInput) {
  const { openExpertise: payload } = await server.ok(OpenExpertiseDocument, { input }, token);
  if (!payload.result) throw new Error(JSON.stringify(payload.errors));
  return payload.result;
}

export async function addFinding(server: TestServer, token: string, input: AddFindingInput) {
  return (await server.ok(AddFindingDocument, { input }, token)).addFinding;
}

export const DISCUSSION_PARTICIPANTS = [
  { side: 'SMO' as const, name: 'Иванова А. П.', position: 'врач-эксперт' },
  { side: 'MO' as const, name: 'Гаглоева М. Р.', position: 'заместитель главного врача' },
];

export async function discuss(server: TestServer, token: string, expertiseId: string, heldOn: string) {
  return (await server.ok(RecordDiscussionDocument, { input: { expertiseId, heldOn, participants: DISCUSSION_PARTICIPANTS } }, token)).recordDiscussion;
}
