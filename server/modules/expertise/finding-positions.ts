import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { User } from '../auth/user.entity.js';
import { Finding } from './expertise.entity.js';
import { MoPosition } from './expertise.enums.js';
import { FindingPosition, PositionSource } from './finding-position.entity.js';

/** What the MO thinks of a finding now: the latest position said, wherever it was said. */
export interface CurrentPosition {
  position: MoPosition;
  comment: string | null;
  source: PositionSource;
}

/** The current position of each finding that has one, in one statement. */
export async function currentPositions(em: EntityManager, findingIds: readonly string[]): Promise<Map<string, CurrentPosition>> {
  if (findingIds.length === 0) return new Map();
  const rows = await em.find(FindingPosition, { finding: { $in: [...findingIds] } }, { orderBy: { recordedAt: 'asc', id: 'asc' } });
  // Ascending, so that the latest row of each finding is the one left in the map.
  return new Map(rows.map((r) => [r.finding.id, { position: r.position, comment: r.comment, source: r.source }]));
}

/** The positions a signed conclusion was signed with: what its act states, whatever the MO says later. */
export function positionsAtSigning(findings: Finding[]): Map<string, Pick<CurrentPosition, 'position' | 'comment'>> {
  return new Map(findings.flatMap((f) => (f.positionAtSigning ? [[f.id, { position: f.positionAtSigning, comment: f.commentAtSigning }]] : [])));
}

/** Writes each finding's current position into it as the conclusion is signed (the database freezes it after). */
export async function keepPositionsAtSigning(em: EntityManager, findings: Finding[]): Promise<void> {
  const current = await currentPositions(
    em,
    findings.map((f) => f.id),
  );
  for (const finding of findings) {
    const said = current.get(finding.id);
    finding.positionAtSigning = said?.position ?? null;
    finding.commentAtSigning = said?.comment ?? null;
  }
}

/** The same rule in SQL: the current position of the finding `alias`, null when the MO has said none. */
export const currentPositionSql = (alias: string): string =>
  `(select fp.position from finding_position fp where fp.finding_id = ${alias}.id order by fp.recorded_at desc, fp.id desc limit 1)`;

export interface SaidPosition {
  findingId: string;
  position: MoPosition;
  comment: string | null;
}

/**
 * The one way the MO's position on findings is recorded, at the discussion and in the commission's
 * review alike: a row for each finding whose position or comment changes (saying the same again
 * adds nothing); answers how many changed.
 */
export async function recordPositions(em: EntityManager, viewer: Viewer, said: SaidPosition[], source: PositionSource): Promise<number> {
  const current = await currentPositions(
    em,
    said.map((s) => s.findingId),
  );
  const changed = said.filter((s) => {
    const now = current.get(s.findingId);
    return !now || now.position !== s.position || (now.comment ?? null) !== (s.comment ?? null);
  });
  for (const s of changed) {
    em.create(FindingPosition, {
      finding: em.getReference(Finding, s.findingId),
      position: s.position,
      comment: s.comment ?? null,
      source,
      recordedBy: em.getReference(User, viewer.userId),
    });
  }
  return changed.length;
}
