import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { RefusalCase } from './refusal-case.entity.js';

/**
 * A coded examination a case names missing, one row per case and НМУ code, with the case's parties
 * and refusal date: «the MO's earlier cases already lacked it» is then an index probe, not a read of
 * the MO's years of cases. Kept by the database alone from `refusal_case.missing_examinations` (its
 * triggers write it; any other write is refused), never written by the application.
 */
@Entity({ tableName: 'missing_examination' })
@Index({
  name: 'missing_examination_mo_code_date_index',
  expression: 'create index "missing_examination_mo_code_date_index" on "missing_examination" ("mo_id", "nmu_code", "refusal_date") include ("smo_id")',
})
export class MissingExamination {
  [PrimaryKeyProp]?: ['refusalCase', 'nmuCode'];

  @ManyToOne(() => RefusalCase, { primary: true, deleteRule: 'cascade' })
  refusalCase!: Rel<RefusalCase>;

  @PrimaryKey({ type: 'text' })
  nmuCode!: string;

  @Property({ type: 'uuid' })
  smoId!: string;

  @Property({ type: 'uuid' })
  moId!: string;

  @Property({ type: 'date' })
  refusalDate!: string;
}
