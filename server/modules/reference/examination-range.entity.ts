import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { newId } from '../../shared/ids.js';
import { RegisterVersion } from './register-version.entity.js';

/**
 * One row of the 402н/631н list (ФНСИ 1.2.643.5.1.13.13.99.2.857) for one of the МКБ-10 ranges it
 * names, parsed once when the version is loaded so that SQL (the quarterly report) and TypeScript
 * (a case, the referral check) read the same ranges.
 */
@Entity({ tableName: 'examination_range' })
@Index({ properties: ['version', 'section'] })
export class ExaminationRange {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => RegisterVersion, { deleteRule: 'cascade' })
  version!: Rel<RegisterVersion>;

  @Property({ type: 'text' })
  nmuCode!: string;

  @Property({ type: 'text' })
  description!: string;

  /** Main (1) rather than additional (2). */
  @Property({ type: 'boolean' })
  basic!: boolean;

  @Property({ type: 'text', nullable: true })
  type: string | null = null;

  /** 1 — adults (18 and over), 2 — children. */
  @Property({ type: 'text' })
  section!: string;

  @Property({ type: 'text' })
  rangeFrom!: string;

  @Property({ type: 'text' })
  rangeTo!: string;
}
