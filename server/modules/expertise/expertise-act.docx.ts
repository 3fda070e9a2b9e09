import type { EntityManager } from '@mikro-orm/postgresql';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { ruDate } from '../../shared/dates.js';
import { sumAmounts } from '../../shared/money.js';
import { User } from '../auth/user.entity.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { fullNameOf, InsuredPerson } from '../persons/insured-person.entity.js';
import { Discussion, Finding, type Expertise } from './expertise.entity.js';
import { EXPERTISE_KIND_LABEL, ExpertiseType, MoPosition, ParticipantSide } from './expertise.enums.js';
import { isSigned } from './expertise-lifecycle.js';

const TITLE: Record<ExpertiseType, string> = {
  MEE: 'Акт медико-экономической экспертизы',
  EKMP: 'Экспертное заключение (протокол оценки качества медицинской помощи)',
};

const rub = (amount: string | null) => (amount === null ? 'не применяется' : `${amount.replace('.', ',')} ₽`);
const text = (value: string, bold = false) => new Paragraph({ children: [new TextRun({ text: value, bold })] });
const cell = (value: string, bold = false) => new TableCell({ children: [text(value, bold)] });

function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  });
}

/** The act of an expertise as a Word document, in Russian; a draft is marked as such. */
export async function buildExpertiseAct(em: EntityManager, expertise: Expertise): Promise<Buffer> {
  const refusalCase = await em.findOneOrFail(RefusalCase, { id: expertise.refusalCase.id });
  const [person, organisations, findings, discussion, expert, signer] = await Promise.all([
    em.findOneOrFail(InsuredPerson, { id: refusalCase.person.id }),
    em.find(Organisation, { id: { $in: [refusalCase.smo.id, refusalCase.mo.id, refusalCase.bureau.id] } }),
    em.find(Finding, { expertise: expertise.id }, { populate: ['defectCode', 'episode.normKind'], orderBy: { createdAt: 'asc' } }),
    em.findOne(Discussion, { expertise: expertise.id }, { orderBy: { recordedAt: 'desc' } }),
    em.findOneOrFail(User, { id: expertise.expert.id }),
    expertise.signedBy ? em.findOne(User, { id: expertise.signedBy.id }) : Promise.resolve(null),
  ]);
  const org = (id: string) => organisations.find((o) => o.id === id)!;
  const signed = isSigned(expertise.status);
  const totalNotPaid = sumAmounts(findings.map((f) => f.amountNotPaid));
  const totalFine = sumAmounts(findings.map((f) => f.fine));

  const children = [
    ...(signed ? [] : [text('ПРОЕКТ — заключение не подписано', true)]),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: `${TITLE[expertise.type]} № ${expertise.number}`, bold: true, size: 28 })],
    }),
    text(
      `Основание: ${EXPERTISE_KIND_LABEL[expertise.kind]} экспертиза; начата ${ruDate(expertise.startDate)}; дата заключения ${ruDate(expertise.conclusionDate)}`,
    ),
    text(`Страховая медицинская организация: ${org(refusalCase.smo.id).fullName}`),
    text(`Медицинская организация: ${org(refusalCase.mo.id).fullName}`),
    text(`Бюро МСЭ: ${org(refusalCase.bureau.id).fullName}`),
    text(`Застрахованное лицо: ${fullNameOf(person)}, дата рождения ${ruDate(person.birthDate)}, ЕНП ${person.enp}`),
    text(
      `Случай отказа ${refusalCase.number}: направление 088/у № ${refusalCase.referralNumber} от ${ruDate(refusalCase.referralDate)}, ` +
        `решение бюро № ${refusalCase.refusalDocumentNumber} от ${ruDate(refusalCase.refusalDate)}, диагноз ${refusalCase.mainDiagnosis}`,
    ),
    text('Выявленные нарушения', true),
    findings.length === 0
      ? text('Нарушений не выявлено.')
      : table(
          ['№', 'Код', 'Нарушение', 'Случай, условия', 'RT', 'Кно', 'Неоплата', 'RP', 'Кшт', 'Штраф'],
          findings.map((f, i) => [
            String(i + 1),
            f.defectCode.code,
            `${f.defectCode.text} ${f.description}`,
            `${f.episode.recordNumber}; ${f.episode.normKind.name}`,
            rub(f.episode.tariff),
            f.defectCode.nonPaymentCoefficient?.replace('.', ',') ?? '—',
            rub(f.amountNotPaid),
            f.perCapitaNorm ? rub(f.perCapitaNorm) : '—',
            f.defectCode.fineCoefficient?.replace('.', ',') ?? '—',
            rub(f.fine),
          ]),
        ),
    text(`Итого неоплата: ${rub(totalNotPaid)}`, true),
    text(`Итого штраф: ${rub(totalFine)}`, true),
    text('Совместный разбор с представителями медицинской организации', true),
    discussion
      ? text(
          `Проведён ${ruDate(discussion.heldOn)}. Участники: ${discussion.participants.map((p) => `${p.name} (${p.position}, ${p.side === ParticipantSide.SMO ? 'СМО' : 'МО'})`).join('; ')}.`,
        )
      : text('Не проводился.'),
    ...findings
      .filter((f) => f.moPosition)
      .map((f) => text(`Позиция МО по коду ${f.defectCode.code}: ${f.moPosition === MoPosition.AGREES ? 'согласна' : `не согласна — ${f.moComment}`}`)),
    text(''),
    text(`Эксперт: ${expert.fullName}${expert.position ? `, ${expert.position}` : ''} ____________`),
    text(signed ? `Подписано: ${signer?.fullName ?? ''}, ${ruDate(expertise.conclusionDate)}` : 'Не подписано'),
    text('Представитель медицинской организации: ____________ / ____________'),
  ];
  const document = new Document({
    creator: 'Razbor',
    title: `${TITLE[expertise.type]} № ${expertise.number}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
