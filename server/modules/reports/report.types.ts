import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';

@ObjectType({ description: 'Строка отчёта: показатель в квартале и в предыдущем квартале' })
export class CountRow {
  @Field({ description: 'Ключ группы (id, код)' })
  key!: string;

  @Field({ description: 'Название группы' })
  label!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, { nullable: true, description: 'В предыдущем квартале' })
  previousCount!: number | null;
}

@ObjectType({ description: 'Отказы в освидетельствовании' })
export class RefusalSection {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  previousTotal!: number;

  @Field(() => Float, { nullable: true, description: 'Изменение к предыдущему кварталу, %' })
  changePercent!: number | null;

  @Field(() => [CountRow])
  byMo!: CountRow[];

  @Field(() => [CountRow])
  byBureau!: CountRow[];

  @Field(() => [CountRow], { description: 'По классам МКБ-10' })
  byIcdChapter!: CountRow[];

  @Field(() => [CountRow], { description: 'По блокам МКБ-10' })
  byIcdBlock?: CountRow[];

  @Field(() => [CountRow], { description: 'Самые частые недостающие обследования (до 10), по кодам НМУ' })
  topMissingExaminations!: CountRow[];

  @Field(() => [CountRow], { description: 'Недостающие обследования, записанные текстом («другое»), считаются отдельно (до 10)' })
  otherMissingExaminations?: CountRow[];

  @Field(() => Int, { description: 'Повторные отказы: случаи квартала, у лица которых уже был отказ раньше' })
  repeatRefusals!: number;
}

@ObjectType({ description: 'Недостающие обследования против перечня 402н/631н в группе случаев' })
export class OrderGapRow {
  @Field({ description: 'Ключ группы (id, код класса)' })
  key!: string;

  @Field()
  label!: string;

  @Field(() => Int, { description: 'Случаев в квартале' })
  cases!: number;

  @Field(() => Int, { description: 'Из них с диагнозом, для которого перечень что-то требует' })
  casesInList!: number;

  @Field(() => Int, { description: 'Требуется перечнем, но не названо недостающим (обследований)' })
  requiredButNotNamed!: number;

  @Field(() => Int, { nullable: true, description: 'Случаев, где названо не всё, что требует перечень; null в отчётах, сданных до его появления' })
  casesRequiredButNotNamed?: number | null;

  @Field(() => Int, { description: 'Названо недостающим, но перечнем не требуется (обследований)' })
  namedButNotRequired!: number;

  @Field(() => Int, { description: 'Случаев, где бюро назвало сверх перечня' })
  casesNamedBeyondList!: number;
}

@ObjectType({ description: 'Повторяющиеся недостающие обследования МО после появления проверки направления' })
export class RepeatAfterCheckRow {
  @Field()
  key!: string;

  @Field({ description: 'Медицинская организация' })
  label!: string;

  @Field(() => Int, { description: 'Недостающих обследований (с кодом НМУ) в случаях с направлением после загрузки перечня' })
  missingAfterCheck!: number;

  @Field(() => Int, { description: 'Из них тех же услуг, что уже не хватало в случаях этой МО раньше' })
  repeatedAfterCheck!: number;

  @Field(() => Float, { nullable: true, description: 'Доля повторяющихся, %' })
  repeatedPercent!: number | null;
}

@ObjectType({ description: 'Полнота обследования по перечню 402н/631н' })
export class ExaminationSection {
  @Field({ description: 'Перечень (ФНСИ 1.2.643.5.1.13.13.99.2.857) загружен' })
  listLoaded!: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: 'С какого дня МО доступна проверка направления (день загрузки перечня)' })
  checkAvailableFrom!: string | null;

  @Field(() => Int, { description: 'Недостающих обследований с кодом НМУ' })
  coded!: number;

  @Field(() => Int, { description: 'Недостающих обследований, записанных текстом («другое»)' })
  otherText!: number;

  @Field(() => [OrderGapRow])
  byMo!: OrderGapRow[];

  @Field(() => [OrderGapRow])
  byBureau!: OrderGapRow[];

  @Field(() => [OrderGapRow], { description: 'По классам МКБ-10' })
  byIcdClass!: OrderGapRow[];

  @Field(() => [RepeatAfterCheckRow])
  repeatsAfterCheck!: RepeatAfterCheckRow[];
}

@ObjectType({ description: 'Потерянные дни и повторные направления по МО (случаи квартала со сведениями о направлении)' })
export class ReferralLossRow {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => Int, { description: 'Случаев со сведениями о направлении' })
  recorded!: number;

  @Field(() => Int, { description: 'Из них освидетельствовано (бюро приняло направление)' })
  accepted!: number;

  @Field(() => Int, { description: 'Потеряно календарных дней всего' })
  calendarDaysLost!: number;

  @Field(() => Float, { nullable: true, description: 'В среднем на освидетельствованного, календарных дней' })
  averageCalendarDaysLost!: number | null;

  @Field(() => Int, { nullable: true, description: 'Потеряно рабочих дней всего; null — нет календаря на нужный год' })
  workingDaysLost!: number | null;

  @Field(() => Int, { description: 'Случаев с ответом бюро (отказ или возврат)' })
  answered!: number;

  @Field(() => Int, { description: 'Из них направлено снова не позже 30 дней после первого ответа' })
  resubmittedWithin30!: number;

  @Field(() => Float, { nullable: true, description: 'Доля направленных снова в течение 30 дней, %' })
  resubmittedWithin30Percent!: number | null;
}

@ObjectType({ description: 'Путь направления на МСЭ' })
export class ReferralSection {
  @Field(() => [ReferralLossRow])
  byMo!: ReferralLossRow[];

  @Field(() => ReferralLossRow, { description: 'Итого' })
  total!: ReferralLossRow;
}

@ObjectType({ description: 'Сумма санкций по МО' })
export class AmountRow {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => Int, { description: 'Замечаний' })
  findings!: number;

  @Field(() => DecimalScalar)
  amountNotPaid!: string;

  @Field(() => DecimalScalar)
  fine!: string;
}

@ObjectType({ description: 'Обжалования' })
export class AppealCounts {
  @Field(() => Int)
  filed!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Int)
  upheld!: number;

  @Field(() => Int)
  overturned!: number;

  @Field(() => Int)
  partly!: number;
}

@ObjectType({ description: 'Экспертизы по случаям отказа (заключения квартала, с итогами обжалования)' })
export class ExpertiseSection {
  @Field(() => Int)
  meeCount!: number;

  @Field(() => Int)
  ekmpCount!: number;

  @Field(() => [CountRow], { description: 'Замечания по кодам дефектов' })
  findingsByCode!: CountRow[];

  @Field(() => [AmountRow], { description: 'Неоплата и штрафы по МО (итоговые, после обжалования)' })
  amountsByMo!: AmountRow[];

  @Field(() => DecimalScalar)
  totalAmountNotPaid!: string;

  @Field(() => DecimalScalar)
  totalFine!: string;

  @Field(() => Float, { nullable: true, description: 'Доля замечаний, с которыми МО не согласилась, % от замечаний с позицией МО' })
  disagreementPercent!: number | null;

  @Field(() => AppealCounts)
  appeals!: AppealCounts;
}

@ObjectType({ description: 'Охват разбором по МО' })
export class CoverageRow {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => Int)
  cases!: number;

  @Field(() => Int)
  reviewed!: number;

  @Field(() => Int)
  reviewedOnTime!: number;

  @Field(() => Float)
  coveragePercent!: number;

  @Field(() => Float, { nullable: true })
  onTimePercent!: number | null;
}

@ObjectType({ description: 'Мероприятия по разборам' })
export class ActionCounts {
  @Field(() => Int)
  planned!: number;

  @Field(() => Int)
  inProgress!: number;

  @Field(() => Int)
  done!: number;

  @Field(() => Int)
  cancelled!: number;

  @Field(() => Int, { description: 'Просрочены (срок прошёл, не выполнены и не отменены)' })
  overdue!: number;
}

@ObjectType({ description: 'Комиссионные разборы в МО' })
export class ReviewSection {
  @Field(() => [CoverageRow])
  coverageByMo!: CoverageRow[];

  @Field(() => [CountRow], { description: 'Установленные причины' })
  rootCauses!: CountRow[];

  @Field(() => ActionCounts)
  actions!: ActionCounts;
}

@ObjectType({ description: 'Эффект плана: отказы по МО и причине до и после' })
export class PlanEffectRow {
  @Field()
  moId!: string;

  @Field()
  moName!: string;

  @Field(() => String, { nullable: true, description: 'id причины; null в отчётах, сданных до его появления' })
  causeId?: string | null;

  @Field()
  cause!: string;

  @Field(() => Int, { description: 'Отказов с этой причиной в квартале, когда мероприятие было запланировано' })
  before!: number;

  @Field(() => Int, { description: 'Отказов с этой причиной в отчётном квартале' })
  after!: number;
}

@ObjectType({ description: 'Пункт плана мероприятий в отчёте' })
export class ReportPlanItem {
  @Field()
  smoName!: string;

  @Field()
  measure!: string;

  @Field({ description: 'Кому адресовано' })
  targets!: string;

  @Field()
  responsible!: string;

  @Field(() => LocalDateScalar)
  dueDate!: string;

  @Field({ description: 'Коды дефектов и причины' })
  addresses!: string;

  @Field()
  status!: string;

  @Field(() => String, { nullable: true })
  outcome!: string | null;

  @Field({ description: 'Согласование с МО' })
  confirmations!: string;
}

@ObjectType({ description: 'Квартальный отчёт по отказам МСЭ из-за неполного обследования' })
export class QuarterlyReport {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  quarter!: number;

  @Field(() => ID, { nullable: true, description: 'СМО; null — все СМО' })
  smoId!: string | null;

  @Field({ description: 'СМО (название) или «Все СМО»' })
  smoName!: string;

  @Field(() => LocalDateScalar)
  periodFrom!: string;

  @Field(() => LocalDateScalar)
  periodTo!: string;

  @Field(() => RefusalSection)
  refusals!: RefusalSection;

  @Field(() => ExpertiseSection)
  expertise!: ExpertiseSection;

  @Field(() => ReviewSection)
  reviews!: ReviewSection;

  @Field(() => [ReportPlanItem], { description: 'План мероприятий на квартал' })
  planItems!: ReportPlanItem[];

  @Field(() => [PlanEffectRow], { description: 'Эффект мероприятий плана прошлого квартала' })
  planEffect!: PlanEffectRow[];

  @Field(() => ExaminationSection, { nullable: true, description: 'Полнота обследования по перечню 402н/631н; null в отчётах, сданных до появления раздела' })
  examinations?: ExaminationSection | null;

  @Field(() => ReferralSection, { nullable: true, description: 'Потерянные дни и повторные направления; null в отчётах, сданных до появления раздела' })
  referrals?: ReferralSection | null;
}
