import type { RazborModule } from '../../app/module.js';
import { caseSheetRoutes } from './import/case-sheet.routes.js';
import { CaseHistoryEntry } from './case-history.entity.js';
import { CaseNumberCounter } from './case-number.js';
import { CaseImportResolver } from './import/case-import.resolver.js';
import { MissingExamination } from './missing-examination.entity.js';
import { RefusalCase } from './refusal-case.entity.js';
import { RepeatRefusalLock } from './repeat-refusal-lock.entity.js';
import { CaseHistoryResolver, RefusalCaseResolver } from './refusal-case.resolver.js';

export const casesModule: RazborModule = {
  name: 'cases',
  entities: [RefusalCase, CaseHistoryEntry, CaseNumberCounter, MissingExamination, RepeatRefusalLock],
  resolvers: [RefusalCaseResolver, CaseHistoryResolver, CaseImportResolver],
  routes: { prefixes: ['/templates'], router: caseSheetRoutes },
};
