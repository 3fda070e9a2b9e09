import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Settings the server keeps in the database so that every server process shares them. */
@Entity({ tableName: 'app_setting' })
export class AppSetting {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
