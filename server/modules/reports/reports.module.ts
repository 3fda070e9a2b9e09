import type { RazborModule } from '../../app/module.js';
import { reportRoutes } from './report.routes.js';
import { QuarterlyReportFiguresResolver, RefusalSectionResolver } from './report-figures.resolver.js';
import { ReportResolver } from './report.resolver.js';
import { ReportSubmission } from './submission.entity.js';

export const reportsModule: RazborModule = {
  name: 'reports',
  entities: [ReportSubmission],
  resolvers: [ReportResolver, QuarterlyReportFiguresResolver, RefusalSectionResolver],
  routes: { prefixes: ['/reports'], router: reportRoutes },
};
