import { Arg, Ctx, Mutation, ObjectType, Query, Resolver, Field } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { UserError } from '../../graphql/payload.js';
import { UserErrorCode, domainError, type UserErrorData } from '../../shared/errors.js';
import { CalendarYear } from './calendar.entity.js';
import { importCalendar, listCalendarYears } from './calendar.service.js';
import { parseCalendarFile } from './working-calendar.js';

@ObjectType()
export class CalendarImportPayload {
  @Field(() => [CalendarYear], { nullable: true, description: 'Загруженные (заменённые) годы' })
  result!: CalendarYear[] | null;

  @Field(() => [UserError])
  errors!: UserErrorData[];
}

@Resolver()
export class CalendarResolver {
  @Query(() => [CalendarYear], { description: 'Годы производственного календаря, по которым считаются сроки' })
  calendarYears(@Ctx() ctx: Context): Promise<CalendarYear[]> {
    return listCalendarYears(ctx.em);
  }
  @Mutation(() => CalendarImportPayload, {
    description: 'Загрузка лет производственного календаря (JSON в формате data/calendars); годы в файле заменяются целиком',
  })
  importProductionCalendar(@Ctx() ctx: Context, @Arg('content') content: string, @Arg('source') source: string) {
    return runMutation(ctx, async (em) => {
      let data;
      try {
        data = parseCalendarFile(JSON.parse(content));
      } catch (error) {
        throw domainError('content', UserErrorCode.INVALID, `Файл календаря не принят: ${(error as Error).message}`);
      }
      const years = await importCalendar(em, data, source, { replace: true });
      return listCalendarYears(em).then((all) => all.filter((y) => years.includes(y.year)));
    });
  }
}
