import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../../db/sql.js';
import { mayDecideReports } from '../../access/records.js';
import { z } from 'zod';
import type { BusinessRules } from '../../config.js';
import { today } from '../../shared/clock.js';
import { UserErrorCode, domainError, forbidden, notFound } from '../../shared/errors.js';
import { idSchema, text, validate } from '../../shared/validation.js';
import { Role } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { CalendarMissingError } from '../calendar/working-calendar.js';
import { quarterBounds } from '../../shared/quarters.js';
import { OrganisationKind } from '../organisations/organisation-kind.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { buildReportDocx, buildReportXlsx, type LetterHeading } from './report-export.js';
import { computeQuarterlyReport, reportFrame } from './report.service.js';
import { ReportSubmission, SubmissionStatus } from './submission.entity.js';
import { SUBMISSION_LIFECYCLE, SubmissionTransition } from './submission-lifecycle.js';
import { noticeReportReturned } from '../mail/mail-notices.js';

/** The report is due a number of working days after the quarter ends. */
export async function reportDueOn(em: EntityManager, rules: BusinessRules, year: number, quarter: number): Promise<string | null> {
  try {
    return (await loadWorkingCalendar(em)).addWorkingDays(quarterBounds(year, quarter).to, rules.reportDueWorkingDays);
  } catch (error) {
    if (error instanceof CalendarMissingError) return null;
    throw error;
  }
}

async function latestSubmission(em: EntityManager, smoId: string, year: number, quarter: number) {
  return em.findOne(ReportSubmission, { smo: smoId, year, quarter }, { orderBy: { revision: 'desc' } });
}

/**
 * Freezes the SMO's report for a quarter: figures computed now and the generated files are
 * stored and never recomputed. A returned report is submitted again as a new version.
 */
/**
 * The letter's outgoing number: the SMO's registry numbers are not known here, so the number says
 * what it is — the report, its quarter and its version (МСЭ-2024-2/1).
 */
const outgoingNumber = (year: number, quarter: number, revision: number) => `МСЭ-${year}-${quarter}/${revision}`;

/** Who sends the letter and to whom: the SMO's full name, the region's fund, and the outgoing number once submitted. */
export async function letterHeading(em: EntityManager, smoId: string | null, outgoing: { number: string; date: string } | null): Promise<LetterHeading> {
  const [smo, fund] = await Promise.all([
    smoId ? em.findOne(Organisation, { id: smoId }) : Promise.resolve(null),
    em.findOne(Organisation, { kind: OrganisationKind.FUND }, { orderBy: { fullName: 'asc' } }),
  ]);
  return {
    smoFullName: smo?.fullName ?? 'Страховые медицинские организации',
    fundName: fund?.fullName ?? null,
    outgoingNumber: outgoing?.number ?? null,
    outgoingDate: outgoing?.date ?? null,
  };
}

export async function submitQuarterlyReport(em: EntityManager, viewer: Viewer, rules: BusinessRules, year: number, quarter: number): Promise<ReportSubmission> {
  const { to } = quarterBounds(year, quarter);
  const now = today();
  if (now <= to) throw domainError('quarter', UserErrorCode.NOT_ALLOWED, `Квартал ещё не закончился: отчёт сдаётся после ${to}`);
  const smoId = viewer.organisationId!;
  const latest = await latestSubmission(em, smoId, year, quarter);
  if (latest && latest.status !== SubmissionStatus.RETURNED) {
    throw domainError(
      'quarter',
      UserErrorCode.NOT_ALLOWED,
      latest.status === SubmissionStatus.ACCEPTED ? 'Отчёт за этот квартал уже принят' : 'Отчёт за этот квартал уже сдан и ждёт решения',
    );
  }
  // Figures are computed on the pool, outside the transaction that stores them.
  const figures = await computeQuarterlyReport(em.fork(), await reportFrame(em, viewer, year, quarter, smoId), year, quarter);
  const revision = (latest?.revision ?? 0) + 1;
  const letter = await letterHeading(em, smoId, { number: outgoingNumber(year, quarter, revision), date: now });
  const [xlsx, docx] = await Promise.all([buildReportXlsx(figures), buildReportDocx(figures, letter)]);
  const dueOn = await reportDueOn(em, rules, year, quarter);
  return em.transactional(async (tx) => {
    const submission = tx.create(ReportSubmission, {
      smo: tx.getReference(Organisation, smoId),
      year,
      quarter,
      revision,
      figures,
      xlsx,
      docx,
      submittedBy: tx.getReference(User, viewer.userId),
      submittedOn: now,
      dueOn,
      late: dueOn !== null && now > dueOn,
    });
    await tx.flush();
    return submission;
  });
}

const decisionSchema = z.object({ id: idSchema('Отчёт'), comment: text(8000, 'Замечания').nullish() });

/** The monitoring department accepts the latest version or returns it with comments. */
export async function decideSubmission(em: EntityManager, viewer: Viewer, input: { id: string; accept: boolean; comment?: string | null }) {
  const data = validate(decisionSchema, input);
  if (!mayDecideReports(viewer)) throw forbidden('Решение по отчёту принимает отдел мониторинга ТФОМС');
  // Accept and return of one report take turns: the second sees the first's decision.
  await execute(em, sql`select 1 from report_submission where id = ${data.id} for update`);
  const submission = await em.findOne(ReportSubmission, { id: data.id });
  if (!submission) throw notFound('id', 'Отчёт');
  const latest = await latestSubmission(em, submission.smo.id, submission.year, submission.quarter);
  const decision = { latest: latest?.id === submission.id, comment: data.comment ?? null };
  const transition = input.accept ? SubmissionTransition.ACCEPT : SubmissionTransition.RETURN;
  const status = await SUBMISSION_LIFECYCLE.move(transition, submission.status, decision, { field: 'id' });
  Object.assign(submission, {
    status,
    reviewComment: data.comment ?? null,
    reviewedBy: em.getReference(User, viewer.userId),
    reviewedAt: new Date(),
  });
  await em.flush();
  if (status === SubmissionStatus.RETURNED) {
    const { year, quarter, revision } = submission;
    await noticeReportReturned(em, { smoId: submission.smo.id, year, quarter, revision, comment: submission.reviewComment });
  }
  return submission;
}

/** Submissions a viewer may read: an SMO its own, the fund all, an MO none. */
export function listSubmissions(em: EntityManager, viewer: Viewer, filter: { year?: number | null; quarter?: number | null; smoId?: string | null }) {
  if (viewer.role === Role.MO_COMMISSION) return Promise.resolve([]);
  const smo = viewer.role === Role.SMO_EXPERT ? viewer.organisationId : filter.smoId;
  return em.find(
    ReportSubmission,
    { ...(smo ? { smo } : {}), ...(filter.year ? { year: filter.year } : {}), ...(filter.quarter ? { quarter: filter.quarter } : {}) },
    { orderBy: { year: 'desc', quarter: 'desc', revision: 'desc' } },
  );
}

export async function findSubmission(em: EntityManager, viewer: Viewer, id: string, withFiles = false) {
  const submission = await em.findOne(ReportSubmission, { id }, withFiles ? { populate: ['xlsx', 'docx'] } : {});
  if (!submission) return null;
  const visible = viewer.readsAllOrganisations || (viewer.role === Role.SMO_EXPERT && submission.smo.id === viewer.organisationId);
  return visible ? submission : null;
}

export interface SmoReportStatus {
  smo: Organisation;
  dueOn: string | null;
  latest: ReportSubmission | null;
  /** Not submitted yet and past due, or submitted after the due date. */
  late: boolean;
}

/** For the fund: every SMO's report for the quarter, with the late ones marked. */
export async function reportStatuses(em: EntityManager, viewer: Viewer, rules: BusinessRules, year: number, quarter: number): Promise<SmoReportStatus[]> {
  quarterBounds(year, quarter);
  const smos = await em.find(
    Organisation,
    { kind: OrganisationKind.SMO, active: true, ...(viewer.readsAllOrganisations ? {} : { id: viewer.organisationId ?? undefined }) },
    { orderBy: { shortName: 'asc' } },
  );
  if (viewer.role === Role.MO_COMMISSION) return [];
  const dueOn = await reportDueOn(em, rules, year, quarter);
  const submissions = await em.find(ReportSubmission, { year, quarter, smo: { $in: smos.map((s) => s.id) } }, { orderBy: { revision: 'desc' } });
  const now = today();
  return smos.map((smo) => {
    const latest = submissions.find((s) => s.smo.id === smo.id) ?? null;
    const first = submissions.filter((s) => s.smo.id === smo.id).at(-1);
    const late = first ? first.late : dueOn !== null && now > dueOn;
    return { smo, dueOn, latest, late };
  });
}
