import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { registerLabelledEnum } from '../../graphql/enums.js';
import { newId } from '../../shared/ids.js';
import { User } from '../auth/user.entity.js';
import { Finding } from './expertise.entity.js';
import { MoPosition } from './expertise.enums.js';

/** Where the MO said what it thinks of a finding. */
export enum PositionSource {
  DISCUSSION = 'DISCUSSION',
  COMMISSION_REVIEW = 'COMMISSION_REVIEW',
}

registerLabelledEnum(PositionSource, 'PositionSource', 'Где МО высказала позицию по замечанию', {
  DISCUSSION: 'совместный разбор',
  COMMISSION_REVIEW: 'комиссионный разбор МО',
});

/**
 * The MO's position on a finding, one row each time it is said: at the joint discussion or in the
 * commission's review. The latest row is the position; earlier rows are its history. A signed
 * conclusion keeps the position it was signed with (Finding.positionAtSigning).
 */
@Entity({ tableName: 'finding_position' })
// The latest row of a finding from the index alone, in the order that picks it (the report reads one per finding).
@Index({
  name: 'finding_position_finding_id_recorded_at_id_index',
  expression: 'create index "finding_position_finding_id_recorded_at_id_index" on "finding_position" ("finding_id", "recorded_at", "id") include ("position")',
})
export class FindingPosition {
  [OptionalProps]?: 'comment' | 'recordedBy' | 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Finding, { deleteRule: 'cascade' })
  finding!: Rel<Finding>;

  @Enum({ items: () => MoPosition })
  position!: MoPosition;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @Enum({ items: () => PositionSource })
  source!: PositionSource;

  /** Null only for positions carried over from before they were kept apart. */
  @ManyToOne(() => User, { nullable: true })
  recordedBy: Rel<User> | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
