import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../db/sql.js';
import { ogrnCheckDigit } from '../shared/identifiers.js';
import { hashPassword } from '../modules/auth/password.js';
import { Role } from '../modules/auth/role.js';
import { User } from '../modules/auth/user.entity.js';
import { OrganisationKind } from '../modules/organisations/organisation-kind.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';
import { NormKind } from '../modules/norms/norm-kind.entity.js';
import { PerCapitaNorm } from '../modules/norms/per-capita-norm.entity.js';
import { settingOrInit } from '../modules/system/app-setting.service.js';

const REGION = 'Республика Северная Осетия-Алания';

const ogrn = (first12: string) => `${first12}${ogrnCheckDigit(first12)}`;

/** Demo organisations: fictional names, ОГРН with valid check digits. */
const DEMO_ORGANISATIONS = [
  {
    key: 'bureau',
    kind: OrganisationKind.MSE_BUREAU,
    shortName: 'ГБ МСЭ по РСО-Алания',
    fullName: 'ФКУ «Главное бюро медико-социальной экспертизы по Республике Северная Осетия-Алания» Минтруда России',
    ogrn: ogrn('102150000001'),
  },
  {
    key: 'smo1',
    kind: OrganisationKind.SMO,
    shortName: 'СМО «Алания-Полис»',
    fullName: 'ООО «Страховая медицинская организация «Алания-Полис»',
    ogrn: ogrn('102150000002'),
  },
  {
    key: 'smo2',
    kind: OrganisationKind.SMO,
    shortName: 'СМО «Здоровье-Мед»',
    fullName: 'АО «Страховая медицинская организация «Здоровье-Мед»',
    ogrn: ogrn('102150000003'),
  },
  { key: 'mo1', kind: OrganisationKind.MO, shortName: 'ГБУЗ «РКБ»', fullName: 'ГБУЗ «Республиканская клиническая больница»', ogrn: ogrn('102150000004') },
  { key: 'mo2', kind: OrganisationKind.MO, shortName: 'ГБУЗ «Поликлиника № 1»', fullName: 'ГБУЗ «Городская поликлиника № 1»', ogrn: ogrn('102150000005') },
  {
    key: 'mo3',
    kind: OrganisationKind.MO,
    shortName: 'ГБУЗ «Моздокская ЦРБ»',
    fullName: 'ГБУЗ «Моздокская центральная районная больница»',
    ogrn: ogrn('102150000006'),
  },
  {
    key: 'fund',
    kind: OrganisationKind.FUND,
    shortName: 'ТФОМС РСО-Алания',
    fullName: 'Территориальный фонд обязательного медицинского страхования Республики Северная Осетия-Алания',
    ogrn: ogrn('102150000007'),
  },
] as const;

type DemoKey = (typeof DEMO_ORGANISATIONS)[number]['key'];

export const DEMO_OGRN = Object.fromEntries(DEMO_ORGANISATIONS.map((o) => [o.key, o.ogrn])) as Record<DemoKey, string>;

export const DEMO_USERS: Array<{
  login: string;
  fullName: string;
  position: string;
  specialty?: string;
  expertRegistryNumber?: string;
  role: Role;
  organisation: DemoKey;
}> = [
  {
    login: 'expert1',
    fullName: 'Иванова Анна Петровна',
    position: 'врач-эксперт качества',
    specialty: 'неврология',
    expertRegistryNumber: '15-0012',
    role: Role.SMO_EXPERT,
    organisation: 'smo1',
  },
  {
    login: 'expert2',
    fullName: 'Петров Олег Сергеевич',
    position: 'врач-эксперт',
    specialty: 'терапия',
    expertRegistryNumber: '15-0027',
    role: Role.SMO_EXPERT,
    organisation: 'smo2',
  },
  { login: 'mo1', fullName: 'Гаглоева Мадина Руслановна', position: 'заместитель главного врача по КЭР', role: Role.MO_COMMISSION, organisation: 'mo1' },
  { login: 'mo2', fullName: 'Дзасохов Алан Таймуразович', position: 'председатель врачебной комиссии', role: Role.MO_COMMISSION, organisation: 'mo2' },
  {
    login: 'monitoring',
    fullName: 'Кудзиева Елена Викторовна',
    position: 'начальник отдела мониторинга качества',
    role: Role.MONITORING,
    organisation: 'fund',
  },
];

const DEMO_NORM_BASIS = 'Демонстрационные значения (не из территориальной программы)';

/** Per-capita norms (RP) so that demo expertises can be signed; a year each, 2024–2026. */
const DEMO_NORMS = [2024, 2025, 2026].flatMap((year) =>
  (
    [
      ['OUTPATIENT', '9140.20'],
      ['INPATIENT', '8752.60'],
      ['DAY_HOSPITAL', '2118.40'],
      ['EMERGENCY', '1265.90'],
    ] as const
  ).map(([normKindCode, amount]) => ({ normKindCode, amount, validFrom: `${year}-01-01`, validTo: `${year}-12-31`, basis: DEMO_NORM_BASIS })),
);

/** Loads the demo set once per database; later starts leave it (and anything users changed) alone. */
export async function ensureDemoData(em: EntityManager, password: string): Promise<{ loaded: boolean }> {
  const marker = await settingOrInit(em, 'demo_loaded_at', () => 'pending');
  if (marker !== 'pending') return { loaded: false };
  const organisations = new Map<DemoKey, Organisation>();
  for (const { key, ...data } of DEMO_ORGANISATIONS) {
    const existing = await em.findOne(Organisation, { ogrn: data.ogrn });
    organisations.set(key, existing ?? em.create(Organisation, { ...data, region: REGION }));
  }
  const passwordHash = await hashPassword(password);
  for (const user of DEMO_USERS) {
    if (await em.count(User, { login: user.login })) continue;
    em.create(User, { ...user, organisation: organisations.get(user.organisation)!, passwordHash });
  }
  // The kinds come with the migrations (the four of the earlier fixed list); a region adds its own.
  for (const { normKindCode, ...norm } of DEMO_NORMS) {
    const normKind = await em.findOneOrFail(NormKind, { code: normKindCode });
    if (!(await em.count(PerCapitaNorm, { normKind, validFrom: norm.validFrom }))) em.create(PerCapitaNorm, { ...norm, normKind });
  }
  await execute(em, sql`update app_setting set value = ${new Date().toISOString()} where key = ${'demo_loaded_at'}`);
  await em.flush();
  return { loaded: true };
}
