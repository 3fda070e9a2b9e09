import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';

/**
 * Case search lower-cases in PostgreSQL (`lower`, the 'simple' text search configuration): in a
 * database whose character type does not fold Cyrillic (`LC_CTYPE=C`), a surname typed in lower
 * case finds nothing. Said at start, where whoever deployed it looks.
 */
export async function warnIfCyrillicCaseNotFolded(em: EntityManager, log: Logger): Promise<boolean> {
  const [row] = await em.execute<Array<{ folds: boolean; ctype: string }>>(
    `select lower('Ц') = 'ц' as folds, (select datctype from pg_database where datname = current_database()) as ctype`,
  );
  if (!row.folds) {
    log.warn({ lcCtype: row.ctype }, 'the database does not fold Cyrillic case: searching cases by surname will find nothing (README, deployment)');
  }
  return row.folds;
}
