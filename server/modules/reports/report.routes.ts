import express from 'express';
import { type ContextOf, viewerOf } from '../../graphql/context.js';
import { FailureKind, refusal } from '../../shared/errors.js';
import { isUuid } from '../../shared/validation.js';
import { buildReportDocx, buildReportXlsx } from './report-export.js';
import { computeQuarterlyReport, reportFrame } from './report.service.js';
import { findSubmission, letterHeading } from './submission.service.js';

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

function send(res: express.Response, format: keyof typeof TYPES, fileName: string, content: Buffer) {
  res.attachment(`${fileName}.${format}`);
  res.type(TYPES[format]);
  res.send(content);
}

/**
 * GET /reports/quarterly.xlsx|docx?year=&quarter=&smoId= — the report as computed now;
 * GET /reports/submissions/:id.xlsx|docx — the files frozen at submission. Same access as the API.
 */
export function reportRoutes(contextOf: ContextOf): express.Router {
  const router = express.Router();

  router.get('/reports/quarterly.:format', async (req, res) => {
    const format = req.params.format as keyof typeof TYPES;
    if (!(format in TYPES)) throw refusal(FailureKind.NOT_FOUND, 'Формат: xlsx или docx');
    const context = await contextOf(req);
    const viewer = viewerOf(context);
    const year = Number(req.query.year);
    const quarter = Number(req.query.quarter);
    const smoId = typeof req.query.smoId === 'string' && req.query.smoId ? req.query.smoId : null;
    const report = await computeQuarterlyReport(context.em, await reportFrame(context.em, viewer, year, quarter, smoId), year, quarter);
    const content = format === 'xlsx' ? await buildReportXlsx(report) : await buildReportDocx(report, await letterHeading(context.em, report.smoId, null));
    send(res, format, `otchet-${year}-q${quarter}`, content);
  });

  router.get('/reports/submissions/:file', async (req, res) => {
    const [id, format] = req.params.file.split('.') as [string, keyof typeof TYPES];
    const context = await contextOf(req);
    const viewer = viewerOf(context);
    const submission = isUuid(id) && format in TYPES ? await findSubmission(context.em, viewer, id, true) : null;
    if (!submission) throw refusal(FailureKind.NOT_FOUND, 'Отчёт не найден');
    send(res, format, `otchet-${submission.year}-q${submission.quarter}-v${submission.revision}`, submission[format]);
  });

  return router;
}
