import { FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { ReportFigures } from './report.service.js';
import {
  CountRow,
  ExaminationSection,
  ReferralSection,
  ExpertiseSection,
  PlanEffectRow,
  QuarterlyReport,
  RefusalSection,
  ReportPlanItem,
  ReviewSection,
} from './report.types.js';

/**
 * A report computed now carries its figures' calculator; a submitted one carries the figures it
 * was frozen with. Sections and refusal breakdowns resolve from whichever is there, so a live
 * report computes only what the client selects.
 */
const LIVE = Symbol('figures computed when asked for');

type Live<T> = Partial<T> & { [LIVE]?: ReportFigures };

export function liveReport(figures: ReportFigures): QuarterlyReport {
  return { ...figures.period(), [LIVE]: figures } as unknown as QuarterlyReport;
}

@Resolver(() => QuarterlyReport)
export class QuarterlyReportFiguresResolver {
  @FieldResolver(() => String, { description: 'СМО (название) или «Все СМО»' })
  smoName(@Root() report: Live<QuarterlyReport>) {
    return report[LIVE]?.smoName() ?? report.smoName!;
  }

  @FieldResolver(() => RefusalSection)
  refusals(@Root() report: Live<QuarterlyReport>): Live<RefusalSection> {
    return report[LIVE] ? { [LIVE]: report[LIVE] } : report.refusals!;
  }

  @FieldResolver(() => ExpertiseSection)
  expertise(@Root() report: Live<QuarterlyReport>) {
    return report[LIVE]?.expertise() ?? report.expertise!;
  }

  @FieldResolver(() => ReviewSection)
  reviews(@Root() report: Live<QuarterlyReport>) {
    return report[LIVE]?.reviews() ?? report.reviews!;
  }

  @FieldResolver(() => [ReportPlanItem], { description: 'План мероприятий на квартал' })
  planItems(@Root() report: Live<QuarterlyReport>) {
    return report[LIVE]?.planItems() ?? report.planItems!;
  }

  @FieldResolver(() => [PlanEffectRow], { description: 'Эффект мероприятий плана прошлого квартала' })
  planEffect(@Root() report: Live<QuarterlyReport>) {
    return report[LIVE]?.planEffect() ?? report.planEffect!;
  }

  @FieldResolver(() => ExaminationSection, {
    nullable: true,
    description: 'Полнота обследования по перечню 402н/631н; null в отчётах, сданных до появления раздела',
  })
  examinations(@Root() report: Live<QuarterlyReport>) {
    return report[LIVE]?.examinations() ?? report.examinations ?? null;
  }

  @FieldResolver(() => ReferralSection, { nullable: true, description: 'Потерянные дни и повторные направления; null в отчётах, сданных до появления раздела' })
  referrals(@Root() report: Live<QuarterlyReport>) {
    return report[LIVE]?.referrals() ?? report.referrals ?? null;
  }
}

async function totalsField<K extends 'total' | 'previousTotal' | 'changePercent' | 'repeatRefusals'>(section: Live<RefusalSection>, field: K) {
  return section[LIVE] ? (await section[LIVE].refusalTotals())[field] : section[field]!;
}

@Resolver(() => RefusalSection)
export class RefusalSectionResolver {
  @FieldResolver(() => Int)
  total(@Root() section: Live<RefusalSection>) {
    return totalsField(section, 'total');
  }

  @FieldResolver(() => Int)
  previousTotal(@Root() section: Live<RefusalSection>) {
    return totalsField(section, 'previousTotal');
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Изменение к предыдущему кварталу, %' })
  changePercent(@Root() section: Live<RefusalSection>) {
    return totalsField(section, 'changePercent');
  }

  @FieldResolver(() => Int, { description: 'Повторные отказы: случаи квартала, у лица которых уже был отказ раньше' })
  repeatRefusals(@Root() section: Live<RefusalSection>) {
    return totalsField(section, 'repeatRefusals');
  }

  @FieldResolver(() => [CountRow])
  byMo(@Root() section: Live<RefusalSection>) {
    return section[LIVE]?.refusalsBy('mo') ?? section.byMo!;
  }

  @FieldResolver(() => [CountRow])
  byBureau(@Root() section: Live<RefusalSection>) {
    return section[LIVE]?.refusalsBy('bureau') ?? section.byBureau!;
  }

  @FieldResolver(() => [CountRow], { description: 'По классам МКБ-10' })
  byIcdChapter(@Root() section: Live<RefusalSection>) {
    return section[LIVE]?.refusalsBy('chapter') ?? section.byIcdChapter!;
  }

  @FieldResolver(() => [CountRow], { description: 'По блокам МКБ-10 (в отчётах, сданных до появления раздела, — пусто)' })
  byIcdBlock(@Root() section: Live<RefusalSection>) {
    return section[LIVE]?.refusalsBy('block') ?? section.byIcdBlock ?? [];
  }

  @FieldResolver(() => [CountRow], { description: 'Самые частые недостающие обследования (до 10), по кодам НМУ' })
  async topMissingExaminations(@Root() section: Live<RefusalSection>) {
    return section[LIVE] ? (await section[LIVE].missingExaminations()).coded : section.topMissingExaminations!;
  }

  @FieldResolver(() => [CountRow], { description: 'Недостающие обследования, записанные текстом («другое»), отдельно (до 10)' })
  async otherMissingExaminations(@Root() section: Live<RefusalSection>) {
    return section[LIVE] ? (await section[LIVE].missingExaminations()).other : (section.otherMissingExaminations ?? []);
  }
}
