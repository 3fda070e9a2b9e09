import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QuarterlyReportDocument,
  RegisterRefusalCaseDocument,
  RootCausesDocument,
  UpdateCorrectiveActionDocument,
  UpdateRefusalCaseDocument,
} from '../../client/generated/graphql.js';
import { caseInput, recordReview, twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The report reads a case's review (its date and causes), whether it has actions, and the codes of
 * the examinations it names from values the database keeps on the case (migration 20261204030000),
 * not from the review, the actions or the examinations themselves. These are the edits that could
 * leave such a value stale — a review recorded again with other causes and a later date, an action
 * added and cancelled, the examinations rewritten — each checked through the report as the fund and
 * the SMO read it.
 */
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;
let cause: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
  cause = Object.fromEntries((await server.ok(RootCausesDocument, {}, world.tokens.moA)).rootCauses.map((c) => [c.code, c.id]));
});
afterAll(async () => {
  await server?.stop();
});

// A quarter no other test of this file's server writes into.
const QUARTER = { year: 2024, quarter: 3 };

async function figures(token: string) {
  const { quarterlyReport: r } = await server.ok(QuarterlyReportDocument, QUARTER, token);
  return {
    reviewed: r.reviews.coverageByMo.map((m) => [m.cases, m.reviewed, m.reviewedOnTime]),
    causes: r.reviews.rootCauses.map((c) => [c.key, c.label, c.count]),
    actions: r.reviews.actions,
    coded: r.examinations!.coded,
    otherText: r.examinations!.otherText,
  };
}

describe('the report’s figures of a case’s review, actions and examinations', () => {
  it('follow the review recorded again, an action cancelled and the examinations rewritten', async () => {
    const registered = (
      await server.ok(
        RegisterRefusalCaseDocument,
        {
          input: caseInput(world.parties, {
            referralDate: '2024-07-15',
            refusalDate: '2024-07-22',
            missingExaminations: [
              { nmuCode: 'A05.10.006', namedByBureau: true },
              { name: 'Консультация невролога', namedByBureau: false },
            ],
          }),
        },
        world.tokens.expertA,
      )
    ).registerRefusalCase.result!;
    // Due in the quarter (by the owner's hand: a new case is due some working days after today).
    await server.sql(`update refusal_case set review_due_on = '2024-08-01' where id = $1`, [registered.id]);
    const none = { planned: 0, inProgress: 0, done: 0, cancelled: 0, overdue: 0 };
    expect(await figures(world.tokens.monitoring)).toEqual({ reviewed: [[1, 0, 0]], causes: [], actions: none, coded: 1, otherText: 1 });

    const first = (
      await recordReview(server, world.tokens.moA, registered.id, {
        protocolDate: '2024-07-29',
        causes: [{ rootCauseId: cause.NOT_PRESCRIBED }],
        actions: [{ description: 'Обучение врачей', type: 'CORRECTIVE', ownerName: 'Петров', ownerPosition: 'главный врач', dueDate: '2099-12-01' }],
      })
    ).result!;
    const afterFirst = await figures(world.tokens.monitoring);
    expect(afterFirst).toMatchObject({ reviewed: [[1, 1, 1]], actions: { ...none, planned: 1 } });
    expect(afterFirst.causes).toEqual([[cause.NOT_PRESCRIBED, expect.any(String), 1]]);

    // Recorded again: another cause beside the first, and a sitting long after the review was due.
    const other = Object.entries(cause).find(([code]) => code !== 'NOT_PRESCRIBED' && code !== 'OTHER')![1];
    const second = await recordReview(server, world.tokens.moA, registered.id, {
      version: first.version,
      protocolDate: '2024-10-15',
      causes: [{ rootCauseId: other }, { rootCauseId: cause.NOT_PRESCRIBED }],
    });
    expect(second.errors).toEqual([]);
    const [action] = first.actions;
    const cancelled = await server.ok(
      UpdateCorrectiveActionDocument,
      { input: { id: action.id, version: action.version, status: 'CANCELLED', cancelReason: 'Врач уволился' } },
      world.tokens.moA,
    );
    expect(cancelled.updateCorrectiveAction.errors).toEqual([]);
    for (const token of [world.tokens.monitoring, world.tokens.expertA, world.tokens.moA]) {
      const now = await figures(token);
      expect(now).toMatchObject({ reviewed: [[1, 1, 0]], actions: { ...none, cancelled: 1 }, coded: 1, otherText: 1 });
      expect(now.causes.map(([key, , count]) => [key, count]).sort()).toEqual(
        [
          [cause.NOT_PRESCRIBED, 1],
          [other, 1],
        ].sort(),
      );
    }
    const edited = await server.ok(
      UpdateRefusalCaseDocument,
      {
        input: {
          id: registered.id,
          version: registered.version,
          missingExaminations: [
            { nmuCode: 'A05.10.006', namedByBureau: true },
            { nmuCode: 'A05.23.009', namedByBureau: false },
            { name: 'Консультация невролога', namedByBureau: false },
            { name: 'Консультация офтальмолога', namedByBureau: false },
          ],
        },
      },
      world.tokens.expertA,
    );
    expect(edited.updateRefusalCase.errors).toEqual([]);

    expect(await figures(world.tokens.monitoring)).toMatchObject({ reviewed: [[1, 1, 0]], coded: 2, otherText: 2 });
    // The other side of the line sees none of it.
    expect(await figures(world.tokens.expertB)).toEqual({ reviewed: [], causes: [], actions: none, coded: 0, otherText: 0 });
  });
});
