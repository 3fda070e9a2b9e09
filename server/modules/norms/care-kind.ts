import { registerLabelledEnum } from '../../graphql/enums.js';

/** The conditions of care a per-capita norm is set for, and a finding's fine is counted by. */
export enum CareKind {
  OUTPATIENT = 'OUTPATIENT',
  INPATIENT = 'INPATIENT',
  DAY_HOSPITAL = 'DAY_HOSPITAL',
  EMERGENCY = 'EMERGENCY',
}

export const CARE_KIND_LABEL: Record<CareKind, string> = {
  OUTPATIENT: 'амбулаторно',
  INPATIENT: 'стационар',
  DAY_HOSPITAL: 'дневной стационар',
  EMERGENCY: 'скорая помощь',
};

registerLabelledEnum(CareKind, 'CareKind', 'Условия оказания помощи (для подушевого норматива)', CARE_KIND_LABEL);
