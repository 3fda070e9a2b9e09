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

/** Figures of the quarterly report whose rule another module holds: expertises, findings, appeals, causes. */
export enum ReportFigure {
  MEE = 'MEE',
  EKMP = 'EKMP',
  FINDING_CODE = 'FINDING_CODE',
  MO_FINDINGS = 'MO_FINDINGS',
  APPEALS_FILED = 'APPEALS_FILED',
  APPEALS_PENDING = 'APPEALS_PENDING',
  APPEALS_UPHELD = 'APPEALS_UPHELD',
  APPEALS_OVERTURNED = 'APPEALS_OVERTURNED',
  APPEALS_PARTLY = 'APPEALS_PARTLY',
  ROOT_CAUSE = 'ROOT_CAUSE',
}

registerEnumType(ReportFigure, {
  name: 'ReportFigure',
  description: 'Показатель квартального отчёта по экспертизам и разборам',
  valuesConfig: {
    MEE: { description: 'МЭЭ, заключённые в квартале' },
    EKMP: { description: 'ЭКМП, заключённые в квартале' },
    FINDING_CODE: { description: 'замечания с кодом дефекта, оставшиеся в силе' },
    MO_FINDINGS: { description: 'замечания к МО, оставшиеся в силе' },
    APPEALS_FILED: { description: 'обжалования: подано' },
    APPEALS_PENDING: { description: 'обжалования: на рассмотрении' },
    APPEALS_UPHELD: { description: 'обжалования: оставлено в силе' },
    APPEALS_OVERTURNED: { description: 'обжалования: отменено' },
    APPEALS_PARTLY: { description: 'обжалования: изменено частично' },
    ROOT_CAUSE: { description: 'комиссия МО назвала причину' },
  },
});

@InputType({ description: 'Показатель отчёта, случаи которого открыть; квартал — поле quarter отбора' })
export class ReportFigureInput {
  @Field(() => ReportFigure)
  figure!: ReportFigure;

  @Field(() => String, { nullable: true, description: 'Код дефекта (FINDING_CODE), id МО (MO_FINDINGS) или причины (ROOT_CAUSE)' })
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

  @Field(() => ReportFigureInput, { nullable: true, description: 'Случаи показателя квартального отчёта по экспертизам (нужен quarter)' })
  reportFigure?: ReportFigureInput | null;
}
