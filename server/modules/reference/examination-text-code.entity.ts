import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity.js';

/**
 * An administrator's decision that a free-text missing examination («ЭКГ», «электрокардиография»)
 * is an НМУ service: applied to the cases recorded so far and to spreadsheets imported later.
 */
@ObjectType({ description: 'Сопоставление текста недостающего обследования с услугой НМУ' })
@Entity({ tableName: 'examination_text_code' })
export class ExaminationTextCode {
  /** The text folded by `examinationTextKey`: case, spaces and «ё» do not matter. */
  @Field({ description: 'Текст (без учёта регистра и лишних пробелов)' })
  @PrimaryKey({ type: 'text' })
  textKey!: string;

  @Field({ description: 'Код НМУ' })
  @Property({ type: 'text' })
  nmuCode!: string;

  @ManyToOne(() => User)
  mappedBy!: Rel<User>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  mappedAt: Date = new Date();
}
