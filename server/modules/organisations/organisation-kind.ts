import { registerEnumType } from 'type-graphql';

export enum OrganisationKind {
  SMO = 'SMO',
  MO = 'MO',
  MSE_BUREAU = 'MSE_BUREAU',
  FUND = 'FUND',
}

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'Вид организации',
  valuesConfig: {
    SMO: { description: 'Страховая медицинская организация (СМО)' },
    MO: { description: 'Медицинская организация (МО)' },
    MSE_BUREAU: { description: 'Бюро медико-социальной экспертизы' },
    FUND: { description: 'Территориальный фонд ОМС' },
  },
});

export const ORGANISATION_KIND_LABEL: Record<OrganisationKind, string> = {
  SMO: 'СМО',
  MO: 'медицинская организация',
  MSE_BUREAU: 'бюро МСЭ',
  FUND: 'территориальный фонд ОМС',
};
