import express from 'express';
import { buildCaseSheet } from './case-sheet.template.js';

/** GET /templates/refusal-cases.xlsx — the empty workbook to fill in for an import. */
export function caseSheetRoutes(): express.Router {
  const router = express.Router();
  router.get('/templates/refusal-cases.xlsx', async (_req, res) => {
    res.attachment('shablon-sluchai-otkaza.xlsx');
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.send(await buildCaseSheet());
  });
  return router;
}
