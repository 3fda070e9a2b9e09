import { raw, sql, type Sql } from '../../db/sql.js';
import { invalidArgument } from '../../shared/errors.js';
import { previousQuarter, quarterBounds } from '../../shared/quarters.js';
import { isUuid } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';
import { ReportFigure, type RefusalCaseFilter } from '../cases/refusal-case.filter.js';
import { reviewedOnTimeSql } from '../reviews/review-coverage.js';
import { afterCheckCte, missingItemsCte, orderGapsCte, otherExaminationKeySql } from './examination-figures.js';
import { referralStoryCte } from './referral-figures.js';
import { ReportFrame, actionsCte, expertiseCte, reviewScopeCte } from './report.service.js';

type FigureCases = (frame: ReportFrame, key: string | null) => Sql;

/** An expertise figure's cases: a select of `case_id` over the report's `base`, `own_findings` and `final_findings`. */
const expertiseCases =
  (select: (key: string | null) => Sql): FigureCases =>
  (frame, key) =>
    sql`${expertiseCte(frame)} ${select(key)}`;

const actionCases =
  (condition: string): FigureCases =>
  (frame) =>
    sql`${actionsCte(frame)} select case_id from actions where ${raw(condition)}`;
const gapCases =
  (condition: string): FigureCases =>
  (frame) =>
    sql`${orderGapsCte(frame)} select id from gaps where ${raw(condition)}`;
const referralCases =
  (condition: string): FigureCases =>
  (frame) =>
    sql`${referralStoryCte(frame)} select case_id from lost where ${raw(condition)}`;
const reviewCases =
  (condition: string): FigureCases =>
  (frame) =>
    sql`${reviewScopeCte(frame)} select case_id from scoped where ${raw(condition)}`;

/** Which cases each figure counts, over the same statement parts the report counts with. */
const FIGURE_CASES: Record<ReportFigure, FigureCases> = {
  [ReportFigure.MEE]: expertiseCases(() => sql`select case_id from base where type = 'MEE'`),
  [ReportFigure.EKMP]: expertiseCases(() => sql`select case_id from base where type = 'EKMP'`),
  [ReportFigure.FINDINGS]: expertiseCases(() => sql`select case_id from final_findings`),
  [ReportFigure.FINDING_CODE]: expertiseCases(
    (key) => sql`select f.case_id from final_findings f join defect_code d on d.id = f.defect_code_id where d.code = ${key ?? ''}`,
  ),
  [ReportFigure.MO_FINDINGS]: expertiseCases((key) => sql`select case_id from final_findings where mo_id::text = ${key ?? ''}`),
  [ReportFigure.AMOUNT_NOT_PAID]: expertiseCases(() => sql`select case_id from final_findings where counted_not_paid > 0`),
  [ReportFigure.FINE]: expertiseCases(() => sql`select case_id from final_findings where counted_fine > 0`),
  [ReportFigure.MO_DISAGREES]: expertiseCases(() => sql`select case_id from base where findings_disagreed > 0`),
  [ReportFigure.APPEALS_FILED]: expertiseCases(() => sql`select case_id from base where filed_on is not null`),
  [ReportFigure.APPEALS_PENDING]: expertiseCases(() => sql`select case_id from base where filed_on is not null and outcome is null`),
  [ReportFigure.APPEALS_UPHELD]: expertiseCases(() => sql`select case_id from base where outcome = 'UPHELD'`),
  [ReportFigure.APPEALS_OVERTURNED]: expertiseCases(() => sql`select case_id from base where outcome = 'OVERTURNED'`),
  [ReportFigure.APPEALS_PARTLY]: expertiseCases(() => sql`select case_id from base where outcome = 'PARTLY'`),
  [ReportFigure.REVIEWED]: reviewCases('reviewed'),
  [ReportFigure.REVIEWED_ON_TIME]: reviewCases(reviewedOnTimeSql('review_due_on', 'reviewed_on')),
  [ReportFigure.ROOT_CAUSE]: (frame, key) => sql`${reviewScopeCte(frame)} select s.case_id from scoped s where ${key ?? ''} = any(s.cause_ids::text[])`,
  [ReportFigure.ACTIONS_PLANNED]: actionCases("status = 'PLANNED'"),
  [ReportFigure.ACTIONS_IN_PROGRESS]: actionCases("status = 'IN_PROGRESS'"),
  [ReportFigure.ACTIONS_DONE]: actionCases("status = 'DONE'"),
  [ReportFigure.ACTIONS_CANCELLED]: actionCases("status = 'CANCELLED'"),
  [ReportFigure.ACTIONS_OVERDUE]: actionCases('overdue'),
  [ReportFigure.EXAMINATIONS_CODED]: (frame) => sql`${missingItemsCte(frame)} select case_id from items where code is not null`,
  [ReportFigure.EXAMINATIONS_TEXT]: (frame) => sql`${missingItemsCte(frame)} select case_id from items where code is null`,
  [ReportFigure.OTHER_EXAMINATION]: (frame, key) =>
    sql`${missingItemsCte(frame)} select case_id from items where code is null and ${raw(otherExaminationKeySql)} = ${key ?? ''}`,
  [ReportFigure.LIST_REQUIRES]: gapCases('in_list'),
  [ReportFigure.LIST_REQUIRED_NOT_NAMED]: gapCases('required_not_named > 0'),
  [ReportFigure.LIST_NAMED_BEYOND]: gapCases('named_not_required > 0'),
  [ReportFigure.CHECK_MISSING]: (frame) => sql`${afterCheckCte(frame)} select case_id from after_check`,
  [ReportFigure.CHECK_REPEATED]: (frame) => sql`${afterCheckCte(frame)} select case_id from after_check where repeated`,
  [ReportFigure.REFERRALS_RECORDED]: referralCases('true'),
  [ReportFigure.REFERRALS_ACCEPTED]: referralCases('accepted_on is not null'),
  [ReportFigure.REFERRALS_DAYS_LOST]: referralCases('calendar_days > 0'),
  [ReportFigure.REFERRALS_ANSWERED]: referralCases('prompt is not null'),
  [ReportFigure.REFERRALS_RESUBMITTED]: referralCases('prompt'),
};

/**
 * The cases behind a figure of the report that counts something other than refusals by group, found
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
