import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { newId } from '../../shared/ids.js';
import { RegisterVersion } from './register-version.entity.js';

/**
 * One row of a dictionary version: the columns Razbor looks up by (code, name, current or
 * retired, the row's key and its parent's) and the whole row as the register gave it.
 */
@Entity({ tableName: 'register_entry' })
@Index({ properties: ['version', 'code'] })
// The МКБ-10's hierarchy is read by REC_CODE (a rubric's block and class): a report names its
// rubrics' blocks and classes by index, not by a pass over the dictionary's 15 000 rows per rubric.
@Index({
  name: 'register_entry_version_rec_code_index',
  expression: `create index "register_entry_version_rec_code_index" on "register_entry" ("version_id", (data->>'REC_CODE'))`,
})
@Index({
  name: 'register_entry_version_root_index',
  expression: 'create index "register_entry_version_root_index" on "register_entry" ("version_id") where parent_key is null',
})
export class RegisterEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => RegisterVersion, { deleteRule: 'cascade' })
  version!: Rel<RegisterVersion>;

  @Property({ type: 'text' })
  rowKey!: string;

  @Property({ type: 'text', nullable: true })
  parentKey!: string | null;

  @Property({ type: 'text', nullable: true })
  code!: string | null;

  @Property({ type: 'text' })
  name!: string;

  /**
   * The name lower-cased once, when written: a search by words is then a plain substring test
   * (`nameContainsSql`). ILIKE lower-cased every name of the dictionary on every keystroke, and
   * trigram indexes see no trigrams in Cyrillic under the embedded cluster's builtin locale.
   */
  @Property({ type: 'text', generated: '(lower(name)) stored', lazy: true, hidden: true })
  nameFolded?: string;

  @Property({ type: 'boolean' })
  actual!: boolean;

  @Property({ type: 'date', nullable: true })
  changedOn!: string | null;

  @Property({ type: 'jsonb' })
  data!: Record<string, string | null>;
}
