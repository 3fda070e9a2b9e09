import { registerLabelledEnum } from '../../graphql/enums.js';

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
export const APPEAL_OUTCOME_LABEL: Record<AppealOutcome, string> = {
  UPHELD: 'заключение оставлено в силе',
  OVERTURNED: 'заключение отменено',
  PARTLY: 'заключение изменено частично',
};

/** The catalogue section whose codes an expertise of each type may record. */
export const SECTION_OF_TYPE: Record<ExpertiseType, number> = { MEE: 2, EKMP: 3 };

registerLabelledEnum(ExpertiseType, 'ExpertiseType', 'Вид экспертизы', EXPERTISE_TYPE_LABEL);
registerLabelledEnum(ExpertiseKind, 'ExpertiseKind', 'Основание экспертизы', EXPERTISE_KIND_LABEL);
registerLabelledEnum(ExpertiseStatus, 'ExpertiseStatus', 'Состояние экспертизы', EXPERTISE_STATUS_LABEL);
registerLabelledEnum(MoPosition, 'MoPosition', 'Позиция МО по замечанию', { AGREES: 'согласна', DISAGREES: 'не согласна' });
registerLabelledEnum(AppealOutcome, 'AppealOutcome', 'Решение ТФОМС по спору', APPEAL_OUTCOME_LABEL);
registerLabelledEnum(ParticipantSide, 'ParticipantSide', 'Сторона участника разбора', { SMO: 'СМО', MO: 'МО' });
