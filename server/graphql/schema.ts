import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { CaseHistoryResolver, RefusalCaseResolver } from '../modules/cases/refusal-case.resolver.js';
import { CaseImportResolver } from '../modules/cases/import/case-import.resolver.js';
import { CalendarResolver } from '../modules/calendar/calendar.resolver.js';
import { CaseExpertisesResolver, ExpertiseResolver, FindingResolver } from '../modules/expertise/expertise.resolver.js';
import { NormResolver } from '../modules/norms/norm.resolver.js';
import { CaseCommentsResolver, CommentResolver } from '../modules/comments/comment.resolver.js';
import { CaseReviewResolver, CorrectiveActionResolver, ReviewResolver } from '../modules/reviews/review.resolver.js';
import { TaskResolver } from '../modules/tasks/task.resolver.js';
import { PlanConfirmationResolver, PlanItemResolver, PlanResolver } from '../modules/plans/plan.resolver.js';
import { ReportResolver } from '../modules/reports/report.resolver.js';
import { QuarterlyReportFiguresResolver, RefusalSectionResolver } from '../modules/reports/report-figures.resolver.js';
import { CatalogueResolver } from '../modules/catalogue/catalogue.resolver.js';
import { OrganisationResolver } from '../modules/organisations/organisation.resolver.js';
import { UserResolver } from '../modules/users/user.resolver.js';
import { DecimalScalar, LocalDateScalar } from './scalars.js';

// type-graphql's buildSchema takes resolver classes as `Function`s.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  OrganisationResolver,
  UserResolver,
  CatalogueResolver,
  RefusalCaseResolver,
  CaseHistoryResolver,
  CaseImportResolver,
  CalendarResolver,
  NormResolver,
  ExpertiseResolver,
  FindingResolver,
  CaseExpertisesResolver,
  ReviewResolver,
  CorrectiveActionResolver,
  CaseReviewResolver,
  CommentResolver,
  CaseCommentsResolver,
  TaskResolver,
  PlanResolver,
  PlanItemResolver,
  PlanConfirmationResolver,
  ReportResolver,
  QuarterlyReportFiguresResolver,
  RefusalSectionResolver,
];

let built: Promise<GraphQLSchema> | null = null;

export function razborSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [],
    validate: false,
    emitSchemaFile: false,
  });
  return built;
}

/** The SDL committed as schema/schema.graphql. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await razborSchema()))}\n`;
}

export { DecimalScalar, LocalDateScalar };
