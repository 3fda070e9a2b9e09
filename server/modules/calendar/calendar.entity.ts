import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Год производственного календаря, загруженный в Razbor' })
@Entity({ tableName: 'calendar_year' })
export class CalendarYear {
  @Field(() => Int)
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Field({ description: 'Источник данных' })
  @Property({ type: 'text' })
  source!: string;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  loadedAt: Date = new Date();
}

/** A day that breaks the five-day-week rule: a weekday off, or a weekend made working. */
@Entity({ tableName: 'calendar_exception' })
export class CalendarException {
  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'boolean' })
  working!: boolean;
}
