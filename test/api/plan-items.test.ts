import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddPlanItemDocument,
  ConfirmPlanItemDocument,
  ImprovementPlanDocument,
  OpenImprovementPlanDocument,
  UpdatePlanItemDocument,
} from '../../client/generated/graphql.js';
import { twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
});
afterAll(() => server?.stop());

describe('a plan item the MO found unrealistic', () => {
  it('the SMO changes its measure, date and addressees until it is done; the MOs agree again; the history tells each step', async () => {
    const { expertA, moA, moB } = world.tokens;
    const { moA: moAOrg, moB: moBOrg } = world.organisations;
    const plan = (await server.ok(OpenImprovementPlanDocument, { year: 2024, quarter: 3 }, expertA)).openImprovementPlan.result!;
    const added = (
      await server.ok(
        AddPlanItemDocument,
        {
          input: {
            planId: plan.id,
            measure: 'Обучение врачей приказу 402н/631н',
            targetMoIds: [moAOrg.id],
            responsibleOrganisation: 'МО',
            responsiblePerson: 'Заведующий',
            dueDate: '2024-08-01',
          },
        },
        expertA,
      )
    ).addPlanItem.result!;
    await server.ok(ConfirmPlanItemDocument, { itemId: added.id, agreed: false, comment: 'Срок нереалистичен' }, moA);

    const edit = (input: Record<string, unknown>, version: number) =>
      server.ok(UpdatePlanItemDocument, { input: { id: added.id, version, ...input } as never }, expertA).then((r) => r.updatePlanItem);
    const changed = await edit(
      { measure: 'Обучение врачей приказу 402н/631н с зачётом', dueDate: '2024-09-30', targetMoIds: [moAOrg.id, moBOrg.id] },
      added.version,
    );
    expect(changed.errors).toEqual([]);
    expect(changed.result).toMatchObject({ measure: 'Обучение врачей приказу 402н/631н с зачётом', dueDate: '2024-09-30', confirmations: [] });
    expect(changed.result!.targets.map((t) => t.id).sort()).toEqual([moAOrg.id, moBOrg.id].sort());
    const [latest] = changed.result!.history;
    expect(latest.summary).toBe('Пункт изменён; МО согласуют его заново');
    expect(latest.changes.map((c) => [c.label, c.from, c.to])).toEqual([
      ['Мероприятие', 'Обучение врачей приказу 402н/631н', 'Обучение врачей приказу 402н/631н с зачётом'],
      ['МО-адресаты', moAOrg.shortName, [moAOrg.shortName, moBOrg.shortName].sort((a, b) => a.localeCompare(b)).join(', ')],
      ['Срок', '01.08.2024', '30.09.2024'],
    ]);
    expect(changed.result!.history.map((h) => h.summary)).toEqual([
      'Пункт изменён; МО согласуют его заново',
      `${moAOrg.shortName}: замечания: Срок нереалистичен`,
      'Пункт добавлен в план',
    ]);

    // Another MO sees the item's changes, not what the first MO answered.
    const seenByB = (await server.ok(ImprovementPlanDocument, { year: 2024, quarter: 3, smoId: world.organisations.smoA.id }, moB)).improvementPlan;
    expect(seenByB?.items.find((i) => i.id === added.id)?.history.map((h) => h.summary)).toEqual([
      'Пункт изменён; МО согласуют его заново',
      'Пункт добавлен в план',
    ]);

    // A stale edit is refused; once done, the terms stay as they were done.
    expect((await edit({ measure: 'Поздно' }, added.version)).errors[0].code).toBe('STALE_VERSION');
    const done = await edit({ status: 'DONE', outcome: 'Проведено 12.09' }, changed.result!.version);
    expect(done.errors).toEqual([]);
    const late = await edit({ dueDate: '2024-12-31' }, done.result!.version);
    expect(late.errors).toEqual([
      expect.objectContaining({ field: 'dueDate', code: 'NOT_ALLOWED', message: 'Пункт выполнен: его условия больше не меняются' }),
    ]);
  });

  it('an addressee that is no MO, and an empty measure, are refused at their fields; nothing is written', async () => {
    const { expertA } = world.tokens;
    const plan = (await server.ok(OpenImprovementPlanDocument, { year: 2024, quarter: 4 }, expertA)).openImprovementPlan.result!;
    const item = (
      await server.ok(
        AddPlanItemDocument,
        { input: { planId: plan.id, measure: 'Мера', responsibleOrganisation: 'МО', responsiblePerson: 'Лицо', dueDate: '2024-12-01' } },
        expertA,
      )
    ).addPlanItem.result!;
    const refused = await server.ok(
      UpdatePlanItemDocument,
      { input: { id: item.id, version: item.version, targetMoIds: [world.organisations.smoA.id] } },
      expertA,
    );
    expect(refused.updatePlanItem.errors).toEqual([expect.objectContaining({ field: 'targetMoIds', code: 'NOT_FOUND' })]);
    const empty = await server.ok(UpdatePlanItemDocument, { input: { id: item.id, version: item.version, measure: '  ' } }, expertA);
    expect(empty.updatePlanItem.errors).toEqual([expect.objectContaining({ field: 'measure' })]);
    const [row] = await server.sql<{ version: number; measure: string }>('select version, measure from plan_item where id = $1', [item.id]);
    expect(row).toEqual({ version: item.version, measure: 'Мера' });
  });
});
