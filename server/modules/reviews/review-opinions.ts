import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayLiteral, execute, sql } from '../../db/sql.js';
import { MoPosition } from '../expertise/expertise.enums.js';
import { currentPositions } from '../expertise/finding-positions.js';
import type { FindingOpinion } from './review.entity.js';

export interface CaseOpinions {
  opinions: FindingOpinion[];
  /** Null while the case has no findings or some finding has no position yet and none is disputed. */
  agreesWithFindings: boolean | null;
}

/**
 * What the MO thinks of each finding of each case, as the review shows it: the findings' current
 * positions, one mechanism with the expertise's «Позиция МО» (a review only records them).
 */
export async function opinionsOfCases(em: EntityManager, caseIds: readonly string[]): Promise<Map<string, CaseOpinions>> {
  const findings = await execute<{ id: string; case_id: string }>(
    em,
    sql`select f.id, e.refusal_case_id as case_id from finding f join expertise e on e.id = f.expertise_id
         where e.refusal_case_id = any(${arrayLiteral(caseIds)}::uuid[]) order by f.created_at, f.id`,
  );
  const positions = await currentPositions(
    em,
    findings.map((f) => f.id),
  );
  return new Map(
    caseIds.map((caseId) => {
      const own = findings.filter((f) => f.case_id === caseId);
      const opinions = own.flatMap((f) => {
        const said = positions.get(f.id);
        return said ? [{ findingId: f.id, agrees: said.position === MoPosition.AGREES, comment: said.comment }] : [];
      });
      const agreesWithFindings = own.length === 0 ? null : opinions.some((o) => !o.agrees) ? false : opinions.length < own.length ? null : true;
      return [caseId, { opinions, agreesWithFindings }];
    }),
  );
}
