import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { CaseState } from './case-state.js';

export enum RefusalCaseOrder {
  REFUSAL_DATE_DESC = 'REFUSAL_DATE_DESC',
  REFUSAL_DATE_ASC = 'REFUSAL_DATE_ASC',
  REGISTERED_DESC = 'REGISTERED_DESC',
  REGISTERED_ASC = 'REGISTERED_ASC',
}

registerEnumType(RefusalCaseOrder, {
  name: 'RefusalCaseOrder',
  description: 'Порядок списка случаев',
  valuesConfig: {
    REFUSAL_DATE_DESC: { description: 'по дате отказа, новые первыми' },
    REFUSAL_DATE_ASC: { description: 'по дате отказа, старые первыми' },
    REGISTERED_DESC: { description: 'по дате регистрации, новые первыми' },
    REGISTERED_ASC: { description: 'по дате регистрации, старые первыми' },
  },
});

/**
 * Figures of the quarterly report that count something other than refusals by group (expertises,
 * findings, reviews, actions, examinations, referrals): their rule is the report's, in reports/.
 */
export enum ReportFigure {
  MEE = 'MEE',
  EKMP = 'EKMP',
  FINDINGS = 'FINDINGS',
  FINDING_CODE = 'FINDING_CODE',
  MO_FINDINGS = 'MO_FINDINGS',
  AMOUNT_NOT_PAID = 'AMOUNT_NOT_PAID',
  FINE = 'FINE',
  MO_DISAGREES = 'MO_DISAGREES',
  APPEALS_FILED = 'APPEALS_FILED',
  APPEALS_PENDING = 'APPEALS_PENDING',
  APPEALS_UPHELD = 'APPEALS_UPHELD',
  APPEALS_OVERTURNED = 'APPEALS_OVERTURNED',
  APPEALS_PARTLY = 'APPEALS_PARTLY',
  REVIEWED = 'REVIEWED',
  REVIEWED_ON_TIME = 'REVIEWED_ON_TIME',
  ROOT_CAUSE = 'ROOT_CAUSE',
  ACTIONS_PLANNED = 'ACTIONS_PLANNED',
  ACTIONS_IN_PROGRESS = 'ACTIONS_IN_PROGRESS',
  ACTIONS_DONE = 'ACTIONS_DONE',
  ACTIONS_CANCELLED = 'ACTIONS_CANCELLED',
  ACTIONS_OVERDUE = 'ACTIONS_OVERDUE',
  EXAMINATIONS_CODED = 'EXAMINATIONS_CODED',
  EXAMINATIONS_TEXT = 'EXAMINATIONS_TEXT',
  OTHER_EXAMINATION = 'OTHER_EXAMINATION',
  LIST_REQUIRES = 'LIST_REQUIRES',
  LIST_REQUIRED_NOT_NAMED = 'LIST_REQUIRED_NOT_NAMED',
  LIST_NAMED_BEYOND = 'LIST_NAMED_BEYOND',
  CHECK_MISSING = 'CHECK_MISSING',
  CHECK_REPEATED = 'CHECK_REPEATED',
  REFERRALS_RECORDED = 'REFERRALS_RECORDED',
  REFERRALS_ACCEPTED = 'REFERRALS_ACCEPTED',
  REFERRALS_DAYS_LOST = 'REFERRALS_DAYS_LOST',
  REFERRALS_ANSWERED = 'REFERRALS_ANSWERED',
  REFERRALS_RESUBMITTED = 'REFERRALS_RESUBMITTED',
}

registerEnumType(ReportFigure, {
  name: 'ReportFigure',
  description: 'Показатель квартального отчёта, случаи которого открываются списком',
  valuesConfig: {
    MEE: { description: 'МЭЭ, заключённые в квартале' },
    EKMP: { description: 'ЭКМП, заключённые в квартале' },
    FINDINGS: { description: 'замечания, оставшиеся в силе' },
    FINDING_CODE: { description: 'замечания с кодом дефекта, оставшиеся в силе' },
    MO_FINDINGS: { description: 'замечания к МО, оставшиеся в силе' },
    AMOUNT_NOT_PAID: { description: 'не оплачено по замечаниям, оставшимся в силе' },
    FINE: { description: 'штрафы по замечаниям, оставшимся в силе' },
    MO_DISAGREES: { description: 'МО не согласна с замечаниями' },
    APPEALS_FILED: { description: 'обжалования: подано' },
    APPEALS_PENDING: { description: 'обжалования: на рассмотрении' },
    APPEALS_UPHELD: { description: 'обжалования: оставлено в силе' },
    APPEALS_OVERTURNED: { description: 'обжалования: отменено' },
    APPEALS_PARTLY: { description: 'обжалования: изменено частично' },
    REVIEWED: { description: 'разобраны комиссией МО' },
    REVIEWED_ON_TIME: { description: 'разобраны комиссией МО в срок' },
    ROOT_CAUSE: { description: 'комиссия МО назвала причину' },
    ACTIONS_PLANNED: { description: 'мероприятия: запланировано' },
    ACTIONS_IN_PROGRESS: { description: 'мероприятия: выполняется' },
    ACTIONS_DONE: { description: 'мероприятия: выполнено' },
    ACTIONS_CANCELLED: { description: 'мероприятия: отменено' },
    ACTIONS_OVERDUE: { description: 'мероприятия: просрочено' },
    EXAMINATIONS_CODED: { description: 'недостающие обследования с кодом НМУ' },
    EXAMINATIONS_TEXT: { description: 'недостающие обследования, записанные текстом' },
    OTHER_EXAMINATION: { description: 'недостающее обследование, записанное текстом' },
    LIST_REQUIRES: { description: 'диагноз, для которого перечень 402н/631н что-то требует' },
    LIST_REQUIRED_NOT_NAMED: { description: 'перечень 402н/631н требует, не названо недостающим' },
    LIST_NAMED_BEYOND: { description: 'названо недостающим сверх перечня 402н/631н' },
    CHECK_MISSING: { description: 'недостающие обследования после появления проверки направления' },
    CHECK_REPEATED: { description: 'недостающие обследования, которых не хватало и прежде' },
    REFERRALS_RECORDED: { description: 'путь направления записан' },
    REFERRALS_ACCEPTED: { description: 'направление принято бюро' },
    REFERRALS_DAYS_LOST: { description: 'потеряны дни до принятого направления' },
    REFERRALS_ANSWERED: { description: 'бюро ответило отказом или возвратом' },
    REFERRALS_RESUBMITTED: { description: 'направлено снова в течение 30 дней' },
  },
});

@InputType({ description: 'Показатель отчёта, случаи которого открыть; квартал — поле quarter отбора' })
export class ReportFigureInput {
  @Field(() => ReportFigure)
  figure!: ReportFigure;

  @Field(() => String, {
    nullable: true,
    description: 'Код дефекта (FINDING_CODE), id МО (MO_FINDINGS), причины (ROOT_CAUSE) или текст обследования (OTHER_EXAMINATION)',
  })
  key?: string | null;
}

@InputType({ description: 'Квартал' })
export class QuarterInput {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: '1–4' })
  quarter!: number;
}

@InputType({ description: 'Отбор случаев; условия складываются (И)' })
export class RefusalCaseFilter {
  @Field(() => [CaseState], { nullable: true })
  states?: CaseState[];

  @Field(() => ID, { nullable: true })
  smoId?: string;

  @Field(() => ID, { nullable: true })
  moId?: string;

  @Field(() => ID, { nullable: true })
  bureauId?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата отказа не раньше' })
  refusalDateFrom?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата отказа не позже' })
  refusalDateTo?: string;

  @Field(() => QuarterInput, { nullable: true, description: 'Квартал даты отказа' })
  quarter?: QuarterInput;

  @Field({ nullable: true, description: 'Основной диагноз: код или его начало (I63, I63.5)' })
  diagnosis?: string;

  @Field({ nullable: true, description: 'ЕНП застрахованного' })
  enp?: string;

  @Field({ nullable: true, description: 'Поиск по ФИО, номеру случая и примечанию' })
  search?: string;

  @Field({ nullable: true, description: 'Основной диагноз в классе или блоке МКБ-10 (IX, I60-I69), как их группирует отчёт' })
  icdGroup?: string;

  @Field({ nullable: true, description: 'Бюро назвало недостающим обследование с этим кодом НМУ' })
  missingExamination?: string;

  @Field({ nullable: true, description: 'Только повторные отказы: у лица уже был отказ раньше (как в отчёте)' })
  repeatRefusal?: boolean;

  @Field(() => ReportFigureInput, { nullable: true, description: 'Случаи показателя квартального отчёта (нужен quarter: квартал отчёта, а не даты отказа)' })
  reportFigure?: ReportFigureInput | null;
}
