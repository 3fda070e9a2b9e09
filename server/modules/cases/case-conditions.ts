import type { Sql } from '../../db/sql.js';
import { invalidArgument } from '../../shared/errors.js';
import type { Viewer } from '../auth/viewer.js';
import type { RefusalCaseFilter } from './refusal-case.filter.js';

/**
 * A condition another module adds to the case list for a filter field whose rule it holds (the
 * report's figures of expertises and appeals belong to reports/): SQL on the case alias, or null
 * when the filter does not ask for it.
 */
export type ContributedCaseCondition = (viewer: Viewer, filter: RefusalCaseFilter, alias: string) => Sql | null;

const contributed: ContributedCaseCondition[] = [];

/** Handed over by the composition root at start; cases depend on none of the modules behind them. */
export function useCaseConditions(list: ContributedCaseCondition[]): void {
  contributed.splice(0, contributed.length, ...list);
}

/** The contributed conditions this filter asks for; a report figure nobody answers is refused, never ignored. */
export function contributedCaseConditions(viewer: Viewer, filter: RefusalCaseFilter): Array<(alias: string) => Sql> {
  const asked = contributed.filter((condition) => condition(viewer, filter, 'c') !== null);
  if (filter.reportFigure && asked.length === 0) throw invalidArgument('reportFigure', 'Этот показатель отчёта не открывает случаи');
  return asked.map((condition) => (alias: string) => condition(viewer, filter, alias)!);
}
