import { registerEnumType } from 'type-graphql';

export enum ExpertiseType {
  MEE = 'MEE',
  EKMP = 'EKMP',
}

export enum ExpertiseKind {
  TARGETED = 'TARGETED',
  PLANNED = 'PLANNED',
  THEMATIC = 'THEMATIC',
  COMPLAINT = 'COMPLAINT',
}

export enum ExpertiseStatus {
  DRAFT = 'DRAFT',
  DISCUSSION = 'DISCUSSION',
  SIGNED = 'SIGNED',
  DISPUTED = 'DISPUTED',
  SETTLED = 'SETTLED',
}

export enum CareKind {
  OUTPATIENT = 'OUTPATIENT',
  INPATIENT = 'INPATIENT',
  DAY_HOSPITAL = 'DAY_HOSPITAL',
  EMERGENCY = 'EMERGENCY',
}

export enum MoPosition {
  AGREES = 'AGREES',
  DISAGREES = 'DISAGREES',
}

export enum AppealOutcome {
  UPHELD = 'UPHELD',
  OVERTURNED = 'OVERTURNED',
  PARTLY = 'PARTLY',
}

export enum ParticipantSide {
  SMO = 'SMO',
  MO = 'MO',
}

export const EXPERTISE_TYPE_LABEL: Record<ExpertiseType, string> = { MEE: 'МЭЭ', EKMP: 'ЭКМП' };
export const EXPERTISE_KIND_LABEL: Record<ExpertiseKind, string> = {
  TARGETED: 'целевая',
  PLANNED: 'плановая',
  THEMATIC: 'тематическая',
  COMPLAINT: 'по жалобе',
};
export const EXPERTISE_STATUS_LABEL: Record<ExpertiseStatus, string> = {
  DRAFT: 'черновик',
  DISCUSSION: 'обсуждение с МО',
  SIGNED: 'подписана',
  DISPUTED: 'обжалуется',
  SETTLED: 'спор разрешён',
};
export const CARE_KIND_LABEL: Record<CareKind, string> = {
  OUTPATIENT: 'амбулаторно',
  INPATIENT: 'стационар',
  DAY_HOSPITAL: 'дневной стационар',
  EMERGENCY: 'скорая помощь',
};
export const APPEAL_OUTCOME_LABEL: Record<AppealOutcome, string> = {
  UPHELD: 'заключение оставлено в силе',
  OVERTURNED: 'заключение отменено',
  PARTLY: 'заключение изменено частично',
};

/** The catalogue section whose codes an expertise of each type may record. */
export const SECTION_OF_TYPE: Record<ExpertiseType, number> = { MEE: 2, EKMP: 3 };

const describe = <T extends Record<string, string>>(labels: T) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, { description: v }]));

registerEnumType(ExpertiseType, { name: 'ExpertiseType', description: 'Вид экспертизы', valuesConfig: describe(EXPERTISE_TYPE_LABEL) });
registerEnumType(ExpertiseKind, { name: 'ExpertiseKind', description: 'Основание экспертизы', valuesConfig: describe(EXPERTISE_KIND_LABEL) });
registerEnumType(ExpertiseStatus, { name: 'ExpertiseStatus', description: 'Состояние экспертизы', valuesConfig: describe(EXPERTISE_STATUS_LABEL) });
registerEnumType(CareKind, { name: 'CareKind', description: 'Условия оказания помощи (для подушевого норматива)', valuesConfig: describe(CARE_KIND_LABEL) });
registerEnumType(MoPosition, { name: 'MoPosition', description: 'Позиция МО по замечанию', valuesConfig: { AGREES: { description: 'согласна' }, DISAGREES: { description: 'не согласна' } } });
registerEnumType(AppealOutcome, { name: 'AppealOutcome', description: 'Решение ТФОМС по спору', valuesConfig: describe(APPEAL_OUTCOME_LABEL) });
registerEnumType(ParticipantSide, { name: 'ParticipantSide', description: 'Сторона участника разбора', valuesConfig: { SMO: { description: 'СМО' }, MO: { description: 'МО' } } });
