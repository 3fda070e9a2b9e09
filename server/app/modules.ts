import { attachmentsModule } from '../modules/attachments/attachments.module.js';
import { authModule } from '../modules/auth/auth.module.js';
import { calendarModule } from '../modules/calendar/calendar.module.js';
import { casesModule } from '../modules/cases/cases.module.js';
import { catalogueModule } from '../modules/catalogue/catalogue.module.js';
import { commentsModule } from '../modules/comments/comments.module.js';
import { expertiseModule } from '../modules/expertise/expertise.module.js';
import { normsModule } from '../modules/norms/norms.module.js';
import { organisationsModule } from '../modules/organisations/organisations.module.js';
import { personsModule } from '../modules/persons/persons.module.js';
import { plansModule } from '../modules/plans/plans.module.js';
import { referralsModule } from '../modules/referrals/referrals.module.js';
import { referenceModule } from '../modules/reference/reference.module.js';
import { reportsModule } from '../modules/reports/reports.module.js';
import { reviewsModule } from '../modules/reviews/reviews.module.js';
import { systemModule } from '../modules/system/system.module.js';
import { mailModule } from '../modules/mail/mail.module.js';
import { tasksModule } from '../modules/tasks/tasks.module.js';
import { usersModule } from '../modules/users/users.module.js';
import type { RazborModule } from './module.js';
import { useClosingChecks } from '../modules/cases/case-closing.js';
import { useCaseConditions } from '../modules/cases/case-conditions.js';
import { reportFigureCasesSql } from '../modules/reports/report-figure-cases.js';
import { unfinishedExpertises } from '../modules/expertise/expertise-closing.js';
import { openActions, reviewRecorded } from '../modules/reviews/review-closing.js';

/** The composition root: every domain module of Razbor. Infrastructure gets their parts from here. */
export const MODULES: RazborModule[] = [
  systemModule,
  mailModule,
  authModule,
  organisationsModule,
  usersModule,
  catalogueModule,
  referenceModule,
  personsModule,
  casesModule,
  referralsModule,
  calendarModule,
  normsModule,
  expertiseModule,
  reviewsModule,
  commentsModule,
  attachmentsModule,
  tasksModule,
  plansModule,
  reportsModule,
];

export const ENTITIES = MODULES.flatMap((m) => m.entities ?? []);
export const RESOLVERS = MODULES.flatMap((m) => m.resolvers ?? []);
export const ROUTES = MODULES.flatMap((m) => (m.routes ? [m.routes] : []));

/** What stands between a case and its closing, in the order the user reads it. */
useClosingChecks([reviewRecorded, unfinishedExpertises, openActions]);

/** Case-list filters whose rule another module holds: the report's figures of expertises and appeals. */
useCaseConditions([reportFigureCasesSql]);
