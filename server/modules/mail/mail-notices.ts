import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../../db/sql.js';
import { Role } from '../auth/role.js';
import { enqueueMail, type OutgoingMail } from './mail-outbox.js';

/**
 * Where a mail's links point: written as this mark before the web client's path and replaced, when
 * the mail is sent, by the address the operator gave (RAZBOR_PUBLIC_URL). The outbox is written by
 * services that do not know the address people reach Razbor at.
 */
export const LINK_BASE = '{razbor}';

export const linkTo = (path: string) => `${LINK_BASE}${path}`;

export const withLinkBase = (text: string, publicUrl: string) => text.replaceAll(LINK_BASE, publicUrl.replace(/\/+$/, ''));

const SIGNATURE =
  '\n\n—\nRazbor, разбор отказов в освидетельствовании МСЭ. Письмо отправлено автоматически; адрес для писем меняется в Razbor на странице «Мои настройки».';

export interface Recipient {
  fullName: string;
  email: string;
}

/** The active users of an organisation in these roles who gave an address for mail. */
export async function recipientsIn(em: EntityManager, organisationId: string, roles: Role[]): Promise<Recipient[]> {
  return execute<Recipient>(
    em,
    sql`select full_name as "fullName", email from app_user
         where organisation_id = ${organisationId} and active and email is not null and role = any(${`{${roles.join(',')}}`}::text[])
         order by full_name`,
  );
}

/** A mail to each recipient: the greeting, the text, the signature. */
export function addressed(recipients: Recipient[], subject: string, text: string, dedupKey?: (r: Recipient) => string): OutgoingMail[] {
  return recipients.map((r) => ({
    recipient: r.email,
    subject,
    body: `Здравствуйте, ${r.fullName}!\n\n${text}${SIGNATURE}`,
    dedupKey: dedupKey?.(r),
  }));
}

/** Tells the MO's commission that an act has been sent to it: its appeal window starts at receipt. */
export async function noticeActSent(
  em: EntityManager,
  act: { moId: string; smoName: string; number: string; caseNumber: string; caseId: string; sentOn: string; method: string },
): Promise<void> {
  const recipients = await recipientsIn(em, act.moId, [Role.MO_COMMISSION]);
  const text =
    `${act.smoName} направила в вашу медицинскую организацию акт экспертизы № ${act.number} по случаю ${act.caseNumber} ` +
    `(${act.sentOn}, ${act.method}).\n\nКогда акт получен, отметьте получение в Razbor: с этого дня идут 15 рабочих дней на обжалование.\n\n` +
    `Открыть случай: ${linkTo(`/cases/${act.caseId}`)}`;
  await enqueueMail(em, addressed(recipients, `Акт экспертизы № ${act.number} направлен в вашу МО`, text));
}

/** Tells the SMO's experts that the fund returned their quarterly report, with the fund's comment. */
export async function noticeReportReturned(
  em: EntityManager,
  report: { smoId: string; year: number; quarter: number; revision: number; comment: string | null },
): Promise<void> {
  const recipients = await recipientsIn(em, report.smoId, [Role.SMO_EXPERT]);
  const period = `${report.quarter} квартал ${report.year}`;
  const text =
    `Отдел мониторинга ТФОМС вернул отчёт за ${period} (версия ${report.revision}) на доработку.\n\n` +
    `Замечания: ${report.comment ?? '—'}\n\nИсправьте и сдайте отчёт снова: ${linkTo(`/reports?year=${report.year}&quarter=${report.quarter}`)}`;
  await enqueueMail(em, addressed(recipients, `Отчёт за ${period} возвращён на доработку`, text));
}
