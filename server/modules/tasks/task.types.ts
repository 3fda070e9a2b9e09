import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

export enum TaskKind {
  REVIEW_DUE = 'REVIEW_DUE',
  REVIEW_OVERDUE = 'REVIEW_OVERDUE',
  ACTION_DUE = 'ACTION_DUE',
  ACTION_OVERDUE = 'ACTION_OVERDUE',
  MO_POSITION_NEEDED = 'MO_POSITION_NEEDED',
  DOCUMENTS_OVERDUE = 'DOCUMENTS_OVERDUE',
  DISCUSSION_NEEDED = 'DISCUSSION_NEEDED',
  READY_TO_SIGN = 'READY_TO_SIGN',
  ACT_NOT_SENT = 'ACT_NOT_SENT',
  ACT_RECEIPT_MISSING = 'ACT_RECEIPT_MISSING',
  APPEAL_WINDOW_CLOSING = 'APPEAL_WINDOW_CLOSING',
  APPEAL_DECISION_DUE = 'APPEAL_DECISION_DUE',
  ACT_TO_ACKNOWLEDGE = 'ACT_TO_ACKNOWLEDGE',
  PLAN_ITEM_TO_AGREE = 'PLAN_ITEM_TO_AGREE',
  CASE_WITHOUT_EXPERTISE = 'CASE_WITHOUT_EXPERTISE',
  REPORT_RETURNED = 'REPORT_RETURNED',
  REPORT_TO_ACCEPT = 'REPORT_TO_ACCEPT',
}

registerEnumType(TaskKind, {
  name: 'TaskKind',
  description: 'Вид задачи',
  valuesConfig: {
    REVIEW_DUE: { description: 'провести комиссионный разбор' },
    REVIEW_OVERDUE: { description: 'комиссионный разбор просрочен' },
    ACTION_DUE: { description: 'срок мероприятия близко' },
    ACTION_OVERDUE: { description: 'мероприятие просрочено' },
    MO_POSITION_NEEDED: { description: 'указать позицию МО по замечаниям' },
    DOCUMENTS_OVERDUE: { description: 'МО не представила документы в срок' },
    DISCUSSION_NEEDED: { description: 'провести совместный разбор с МО' },
    READY_TO_SIGN: { description: 'подписать заключение' },
    ACT_NOT_SENT: { description: 'направить акт в МО' },
    ACT_RECEIPT_MISSING: { description: 'МО не подтвердила получение акта' },
    APPEAL_WINDOW_CLOSING: { description: 'истекает срок обжалования' },
    APPEAL_DECISION_DUE: { description: 'рассмотреть обжалование МО (30 рабочих дней)' },
    ACT_TO_ACKNOWLEDGE: { description: 'подтвердить получение акта экспертизы' },
    PLAN_ITEM_TO_AGREE: { description: 'согласовать пункт плана мероприятий' },
    CASE_WITHOUT_EXPERTISE: { description: 'открыть экспертизу по случаю' },
    REPORT_RETURNED: { description: 'исправить и сдать снова возвращённый отчёт' },
    REPORT_TO_ACCEPT: { description: 'принять или вернуть сданный отчёт' },
  },
});

@ObjectType({ description: 'Что требует внимания пользователя' })
export class Task {
  @Field(() => TaskKind)
  kind!: TaskKind;

  @Field({ description: 'Что сделать, словами' })
  title!: string;

  @Field({ description: 'Где задача выполняется: адрес страницы веб-клиента' })
  link!: string;

  @Field(() => ID, { nullable: true, description: 'Случай; null — задача не по случаю (план, отчёт)' })
  caseId!: string | null;

  @Field(() => String, { nullable: true, description: 'Номер случая' })
  caseNumber!: string | null;

  @Field(() => ID, { nullable: true })
  expertiseId!: string | null;

  @Field(() => ID, { nullable: true })
  actionId!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Срок' })
  dueOn!: string | null;

  @Field(() => Int, { nullable: true, description: 'Рабочих дней до срока (отрицательное — просрочено)' })
  workingDaysLeft!: number | null;

  @Field()
  overdue!: boolean;
}
