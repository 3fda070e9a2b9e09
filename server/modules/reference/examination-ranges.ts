import type { EntityManager } from '@mikro-orm/postgresql';
import { asColumns, execute, insertRowsInBatches, sql } from '../../db/sql.js';
import { newId } from '../../shared/ids.js';
import { parseIcd10Ranges } from './icd10-ranges.js';
import { EXAMINATIONS_FOR_MSE_OID } from './register.parser.js';

/** Parses the ranges of one loaded version of the 402н/631н list into `examination_range` (once). */
export async function deriveExaminationRanges(em: EntityManager, versionId: string): Promise<number> {
  const rows = await execute<{ data: Record<string, string | null> }>(em, sql`select data from register_entry where version_id = ${versionId}`);
  const ranges = rows
    .filter(({ data }) => data.NMU_CODE?.trim())
    .flatMap(({ data }) =>
      parseIcd10Ranges(data.CATEGORY_ICD10).map((range) =>
        asColumns({
          id: newId(),
          versionId,
          nmuCode: data.NMU_CODE!.trim(),
          description: data.DESCRIPTION ?? '',
          basic: data.BASIC_ADDITIONAL === '1',
          type: data.NMU_TYPE ?? null,
          section: data.SECTION ?? '',
          rangeFrom: range.from,
          rangeTo: range.to,
        }),
      ),
    );
  await insertRowsInBatches(em, 'examination_range', ranges);
  return ranges.length;
}

/** Versions of the list loaded before their ranges were parsed (or by an older Razbor) get them now. */
export async function deriveMissingExaminationRanges(em: EntityManager): Promise<void> {
  const versions = await execute<{ id: string }>(
    em,
    sql`select v.id from register_version v where v.oid = ${EXAMINATIONS_FOR_MSE_OID}
          and not exists (select 1 from examination_range r where r.version_id = v.id)`,
  );
  for (const { id } of versions) await deriveExaminationRanges(em, id);
}
