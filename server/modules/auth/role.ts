import { registerEnumType } from 'type-graphql';
import { OrganisationKind } from '../organisations/organisation-kind.js';

export enum Role {
  SMO_EXPERT = 'SMO_EXPERT',
  MO_COMMISSION = 'MO_COMMISSION',
  MONITORING = 'MONITORING',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'Роль пользователя',
  valuesConfig: {
    SMO_EXPERT: { description: 'Эксперт СМО' },
    MO_COMMISSION: { description: 'Член комиссии МО' },
    MONITORING: { description: 'Отдел мониторинга качества ТФОМС' },
    ADMIN: { description: 'Администратор' },
  },
});

/** The organisation kind each role belongs to; an administrator belongs to none or to any. */
const ORGANISATION_KIND_OF_ROLE: Record<Role, OrganisationKind | null> = {
  SMO_EXPERT: OrganisationKind.SMO,
  MO_COMMISSION: OrganisationKind.MO,
  MONITORING: OrganisationKind.FUND,
  ADMIN: null,
};

export function organisationKindForRole(role: Role): OrganisationKind | null {
  return ORGANISATION_KIND_OF_ROLE[role];
}

export const ROLE_LABEL: Record<Role, string> = {
  SMO_EXPERT: 'эксперт СМО',
  MO_COMMISSION: 'комиссия МО',
  MONITORING: 'отдел мониторинга ТФОМС',
  ADMIN: 'администратор',
};
