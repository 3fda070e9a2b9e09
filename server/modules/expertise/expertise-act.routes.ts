import express from 'express';
import { type ContextOf, viewerOf } from '../../graphql/context.js';
import { FailureKind, refusal } from '../../shared/errors.js';
import { buildExpertiseAct } from './expertise-act.docx.js';
import { findExpertise } from './expertise.access.js';

/** GET /expertises/:id/act.docx — the act (a draft until signed), for whoever sees the case. */
export function expertiseActRoutes(contextOf: ContextOf): express.Router {
  const router = express.Router();
  router.get('/expertises/:id/act.docx', async (req, res) => {
    const context = await contextOf(req);
    const expertise = await findExpertise(context.em, viewerOf(context), req.params.id);
    if (!expertise) throw refusal(FailureKind.NOT_FOUND, 'Экспертиза не найдена');
    res.attachment(`akt-${expertise.number}.docx`);
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.send(await buildExpertiseAct(context.em, expertise, context.app.rules));
  });
  return router;
}
