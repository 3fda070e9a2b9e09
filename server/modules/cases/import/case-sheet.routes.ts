import express from 'express';
import { type ContextOf, viewerOf } from '../../../graphql/context.js';
import { OrganisationKind } from '../../organisations/organisation-kind.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { buildCaseSheet, organisationChoice } from './case-sheet.template.js';

/** GET /templates/refusal-cases.xlsx — the empty workbook to fill in, with lists of the current organisations. */
export function caseSheetRoutes(contextOf: ContextOf): express.Router {
  const router = express.Router();
  router.get('/templates/refusal-cases.xlsx', async (req, res) => {
    const context = await contextOf(req);
    viewerOf(context);
    const active = await context.em.find(
      Organisation,
      { active: true, kind: { $in: [OrganisationKind.MO, OrganisationKind.MSE_BUREAU] } },
      { orderBy: { shortName: 'asc' } },
    );
    const of = (kind: OrganisationKind) => active.filter((o) => o.kind === kind).map(organisationChoice);
    res.attachment('shablon-sluchai-otkaza.xlsx');
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.send(await buildCaseSheet([], { mos: of(OrganisationKind.MO), bureaus: of(OrganisationKind.MSE_BUREAU) }));
  });
  return router;
}
