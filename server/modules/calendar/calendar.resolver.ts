import { Arg, Ctx, Mutation, ObjectType, Query, Resolver, Field, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import type { Context } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { UserError } from '../../graphql/payload.js';
import { UserErrorCode, domainError, invalidArgument, type UserErrorData } from '../../shared/errors.js';
import { CalendarYear } from './calendar.entity.js';
import { importCalendar, listCalendarYears } from './calendar.service.js';
import { parseCalendarContent, previewCalendar } from './calendar-file.js';

@ObjectType({ description: 'Год из файла производственного календаря, как он будет загружен' })
export class CalendarYearPreview {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Рабочих дней в году (сверьте с постановлением)' })
  workingDays!: number;

  @Field(() => [LocalDateScalar], { description: 'Выходные и праздничные дни, выпадающие на будни' })
  daysOff!: string[];

  @Field(() => [LocalDateScalar], { description: 'Субботы и воскресенья, ставшие рабочими' })
  workingWeekends!: string[];

  @Field({ description: 'Год уже загружен: загрузка заменит его' })
  alreadyLoaded!: boolean;
}

/** The file's calendar, or its refusal (a payload error for the import, a query error for the preview) at `content`. */
function calendarOf(content: string, refuse: (message: string) => Error) {
  try {
    return parseCalendarContent(content);
  } catch (error) {
    throw refuse(`Файл календаря не принят: ${(error as Error).message}`);
  }
}

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
  // Priced at half a request's budget: each preview reads a whole file on the event loop.
  @Query(() => [CalendarYearPreview], { description: 'Что загрузит файл производственного календаря (JSON или XML), до загрузки', complexity: 10_000 })
  async productionCalendarPreview(@Ctx() ctx: Context, @Arg('content') content: string): Promise<CalendarYearPreview[]> {
    const preview = previewCalendar(calendarOf(content, (message) => invalidArgument('content', message)));
    const loaded = new Set((await listCalendarYears(ctx.em)).map((y) => y.year));
    return preview.map((year) => ({ ...year, alreadyLoaded: loaded.has(year.year) }));
  }

  @Mutation(() => CalendarImportPayload, {
    description:
      'Загрузка лет производственного календаря: JSON в формате data/calendars или открытый XML-формат (xmlcalendar.ru); годы в файле заменяются целиком',
  })
  importProductionCalendar(@Ctx() ctx: Context, @Arg('content') content: string, @Arg('source') source: string) {
    return runMutation(ctx, async (em) => {
      const data = calendarOf(content, (message) => domainError('content', UserErrorCode.INVALID, message));
      const years = await importCalendar(em, data, source, { replace: true });
      return listCalendarYears(em).then((all) => all.filter((y) => years.includes(y.year)));
    });
  }
}
