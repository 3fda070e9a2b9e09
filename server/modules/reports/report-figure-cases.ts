import { raw, sql, type Sql } from '../../db/sql.js';
import { invalidArgument } from '../../shared/errors.js';
import { previousQuarter, quarterBounds } from '../../shared/quarters.js';
import { isUuid } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';
import { ReportFigure, type RefusalCaseFilter } from '../cases/refusal-case.filter.js';
import { ReportFrame, expertiseCte, reviewScopeCte } from './report.service.js';

type FigureCases = (frame: ReportFrame, key: string | null) => Sql;

/** An expertise figure's cases: a select of `case_id` over the report's `base` and `final_findings`. */
const expertiseCases =
  (select: (key: string | null) => Sql): FigureCases =>
  (frame, key) =>
    sql`${expertiseCte(frame)} ${select(key)}`;

/** Which cases each figure counts, over the same statement parts the report counts with. */
const FIGURE_CASES: Record<ReportFigure, FigureCases> = {
  [ReportFigure.MEE]: expertiseCases(() => sql`select case_id from base where type = 'MEE'`),
  [ReportFigure.EKMP]: expertiseCases(() => sql`select case_id from base where type = 'EKMP'`),
  [ReportFigure.FINDING_CODE]: expertiseCases(
    (key) => sql`select f.case_id from final_findings f join defect_code d on d.id = f.defect_code_id where d.code = ${key ?? ''}`,
  ),
  [ReportFigure.MO_FINDINGS]: expertiseCases((key) => sql`select case_id from final_findings where mo_id::text = ${key ?? ''}`),
  [ReportFigure.APPEALS_FILED]: expertiseCases(() => sql`select case_id from base where filed_on is not null`),
  [ReportFigure.APPEALS_PENDING]: expertiseCases(() => sql`select case_id from base where filed_on is not null and outcome is null`),
  [ReportFigure.APPEALS_UPHELD]: expertiseCases(() => sql`select case_id from base where outcome = 'UPHELD'`),
  [ReportFigure.APPEALS_OVERTURNED]: expertiseCases(() => sql`select case_id from base where outcome = 'OVERTURNED'`),
  [ReportFigure.APPEALS_PARTLY]: expertiseCases(() => sql`select case_id from base where outcome = 'PARTLY'`),
  [ReportFigure.ROOT_CAUSE]: (frame, key) =>
    sql`${reviewScopeCte(frame)} select s.case_id from scoped s cross join lateral jsonb_array_elements(s.causes) x where x->>'rootCauseId' = ${key ?? ''}`,
};

/**
 * The cases behind a figure of the report that counts expertises, findings, appeals or causes, found
 * by the same statement parts the report counts with: the list a figure opens cannot drift from it.
 */
export function reportFigureCasesSql(viewer: Viewer, filter: RefusalCaseFilter, alias: string): Sql | null {
  const figure = filter.reportFigure;
  if (!figure) return null;
  if (!filter.quarter) throw invalidArgument('quarter', 'Показатель отчёта открывается за квартал: укажите квартал');
  const { year, quarter } = filter.quarter;
  const previous = previousQuarter(year, quarter);
  const smoId = filter.smoId && isUuid(filter.smoId) ? filter.smoId : null;
  const frame = new ReportFrame(viewer, smoId, quarterBounds(year, quarter), quarterBounds(previous.year, previous.quarter));
  return sql`${raw(alias)}.id in (${FIGURE_CASES[figure.figure](frame, figure.key ?? null)})`;
}
