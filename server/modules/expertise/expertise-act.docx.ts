import { diagnosesOf } from '../reference/diagnoses.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FileChild } from 'docx';
import type { BusinessRules } from '../../config.js';
import { today } from '../../shared/clock.js';
import { ruDate } from '../../shared/dates.js';
import { DomainError } from '../../shared/errors.js';
import {
  coefficient,
  gridTable,
  heading,
  labelled,
  money,
  moneyWithWords,
  officialDocument,
  para,
  signature,
  type TableRowData,
} from '../../shared/official-document.js';
import { User } from '../auth/user.entity.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { DefectCode } from '../catalogue/defect-code.entity.js';
import { listNorms } from '../norms/norm.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { fullNameOf, InsuredPerson } from '../persons/insured-person.entity.js';
import { ACT_DELIVERY_METHOD_LABEL, ActDelivery } from './act-delivery.entity.js';
import { appealDueOn } from './appeal.service.js';
import { CareEpisode } from './care-episode.entity.js';
import type { EpisodeSanction } from './episode-sanctions.js';
import { isSigned } from './expertise-lifecycle.js';
import { previewFine, ruleOf, sanctionsByEpisode, sanctionTotals } from './expertise-sanctions.js';
import { Appeal, Discussion, Expertise, Finding } from './expertise.entity.js';
import { currentPositions, positionsAtSigning } from './finding-positions.js';
import { APPEAL_OUTCOME_LABEL, AppealOutcome, EXPERTISE_KIND_LABEL, ExpertiseType, MoPosition, ParticipantSide } from './expertise.enums.js';

const TITLE: Record<ExpertiseType, string> = {
  MEE: 'Акт медико-экономической экспертизы',
  EKMP: 'Экспертное заключение (протокол оценки качества медицинской помощи)',
};

const LEGAL_BASIS =
  'Федеральный закон от 29.11.2010 № 326-ФЗ «Об обязательном медицинском страховании в Российской Федерации» (статьи 40, 42); ' +
  'Порядок проведения контроля объёмов, сроков, качества и условий предоставления медицинской помощи по обязательному медицинскому страхованию, ' +
  'утверждённый приказом Минздрава России от 19.03.2021 № 231н; Перечень оснований для отказа в оплате медицинской помощи ' +
  '(тарифное соглашение, приложение 46).';

/** Everything the act states, read once. */
async function loadAct(em: EntityManager, expertise: Expertise, rules: BusinessRules) {
  const refusalCase = await em.findOneOrFail(RefusalCase, { id: expertise.refusalCase.id });
  const [person, organisations, episodes, findings, discussion, expert, delivery, appeal, revisionOf] = await Promise.all([
    em.findOneOrFail(InsuredPerson, { id: refusalCase.person.id }),
    em.find(Organisation, { id: { $in: [refusalCase.smo.id, refusalCase.mo.id, refusalCase.bureau.id] } }),
    em.find(CareEpisode, { expertise: expertise.id }, { populate: ['normKind'], orderBy: { createdAt: 'asc' } }),
    em.find(Finding, { expertise: expertise.id }, { populate: ['defectCode'], orderBy: { createdAt: 'asc', id: 'asc' } }),
    em.findOne(Discussion, { expertise: expertise.id }, { orderBy: { recordedAt: 'desc' } }),
    em.findOneOrFail(User, { id: expertise.expert.id }),
    em.findOne(ActDelivery, { expertise: expertise.id }),
    em.findOne(Appeal, { expertise: expertise.id }),
    em.findOne(Appeal, { revisedExpertise: expertise.id }, { populate: ['expertise'] }),
  ]);
  const parentCodes = [...new Set(findings.map((f) => f.defectCode.parentCode).filter((c): c is string => c !== null))];
  const parents = parentCodes.length ? await em.find(DefectCode, { catalogueVersion: expertise.catalogueVersion.id, code: { $in: parentCodes } }) : [];
  const signed = isSigned(expertise.status);
  const norms = signed ? [] : await listNorms(em, {});
  const episodeOf = new Map(episodes.map((e) => [e.id, e]));
  const priced = findings.map((finding) => ({
    finding,
    code: finding.defectCode,
    fine: signed ? finding.fine : previewFine(episodeOf.get(finding.episode.id)!, finding.defectCode, norms, today(), rules),
  }));
  const sanctions = sanctionsByEpisode(episodes, priced, ruleOf(expertise, rules));
  const positions = signed
    ? positionsAtSigning(findings)
    : await currentPositions(
        em,
        findings.map((f) => f.id),
      );
  const revisedTotals = appeal?.revisedExpertise ? await totalsOfRevision(em, appeal.revisedExpertise.id, rules) : null;
  return {
    refusalCase,
    person,
    organisations,
    episodes,
    priced,
    parents,
    discussion,
    expert,
    delivery,
    appeal,
    revisionOf,
    sanctions,
    signed,
    revisedTotals,
    positions,
  };
}

async function totalsOfRevision(em: EntityManager, id: string, rules: BusinessRules) {
  const revised = await em.findOneOrFail(Expertise, { id });
  const [episodes, findings] = await Promise.all([em.find(CareEpisode, { expertise: id }), em.find(Finding, { expertise: id }, { populate: ['defectCode'] })]);
  const sanctions = sanctionsByEpisode(
    episodes,
    findings.map((finding) => ({ finding, code: finding.defectCode, fine: finding.fine })),
    ruleOf(revised, rules),
  );
  return { number: revised.number, ...sanctionTotals(sanctions.values()) };
}

type ActData = Awaited<ReturnType<typeof loadAct>>;

/** The full wording of a defect: its group's text, then its own, then what the expert saw. */
function wording(data: ActData, finding: Finding): string {
  const parent = data.parents.find((p) => p.code === finding.defectCode.parentCode);
  const codeText = parent ? `${parent.text} — ${finding.defectCode.text}` : finding.defectCode.text;
  return `${codeText}\nВыявлено: ${finding.description}`;
}

function sanctionText(data: ActData, p: ActData['priced'][number], episode: CareEpisode): string {
  const { finding, code } = p;
  const notPaid =
    code.nonPaymentCoefficient === null
      ? 'не применяется'
      : `${money(finding.amountNotPaid)}\n(RT ${money(episode.tariff)} × ${coefficient(code.nonPaymentCoefficient)})`;
  const normNote = finding.perCapitaNorm ? `\n(RP ${money(finding.perCapitaNorm)} на ${ruDate(finding.normDate)} × ${coefficient(code.fineCoefficient)})` : '';
  const fine = code.fineCoefficient === null ? 'не применяется' : `${money(p.fine)}${data.signed ? normNote : '\n(предварительно)'}`;
  return `${notPaid}|${fine}`;
}

function findingsTable(data: ActData): FileChild {
  if (data.priced.length === 0) return para('Нарушений не выявлено.');
  const rows: TableRowData[] = [];
  let n = 0;
  for (const episode of data.episodes) {
    const dates = episode.careTo ? `, ${ruDate(episode.careFrom)}–${ruDate(episode.careTo)}` : '';
    rows.push({
      span: `Случай оказания помощи: ${episode.recordNumber}${dates}; ${episode.normKind.name}; стоимость (RT) ${money(episode.tariff)}`,
      bold: true,
    });
    for (const p of data.priced.filter((x) => x.finding.episode.id === episode.id)) {
      const [notPaid, fine] = sanctionText(data, p, episode).split('|');
      rows.push([String(++n), p.code.code, wording(data, p.finding), notPaid, fine]);
    }
    const s = data.sanctions.get(episode.id)!;
    rows.push({ span: `${s.explanation}. По случаю: неоплата ${money(s.amountNotPaid)}, штраф ${money(s.fine)}` });
  }
  return gridTable(
    [
      { header: '№', share: 0.04, align: 'center' },
      { header: 'Код', share: 0.07, align: 'center' },
      { header: 'Нарушение', share: 0.59 },
      { header: 'Неоплата (RT × Кно)', share: 0.15, align: 'right' },
      { header: 'Штраф (RP × Кшт)', share: 0.15, align: 'right' },
    ],
    rows,
  );
}

function totals(data: ActData): FileChild[] {
  const { amountNotPaid, fine } = sanctionTotals(data.sanctions.values() as Iterable<EpisodeSanction>);
  return [
    labelled('Итого не подлежит оплате', moneyWithWords(amountNotPaid)),
    labelled(data.signed ? 'Итого штраф' : 'Итого штраф (предварительно, по нормативам на дату окончания помощи)', moneyWithWords(fine)),
  ];
}

function discussionPart(data: ActData): FileChild[] {
  const { discussion } = data;
  const positions = data.priced.flatMap((p) => {
    const said = data.positions.get(p.finding.id);
    if (!said) return [];
    const stance = said.position === MoPosition.AGREES ? 'согласна' : `не согласна${said.comment ? ` — ${said.comment}` : ''}`;
    return [para(`Код ${p.code.code}: МО ${stance}`)];
  });
  if (!discussion) return [heading('Совместный разбор с представителями медицинской организации'), para('Не проводился.'), ...positions];
  const people = discussion.participants.map((p) => `${p.name} (${p.position}, ${p.side === ParticipantSide.SMO ? 'СМО' : 'МО'})`).join('; ');
  return [
    heading('Совместный разбор с представителями медицинской организации'),
    para(`Проведён ${ruDate(discussion.heldOn)}. Участники: ${people}.`),
    ...positions,
  ];
}

async function appealRule(em: EntityManager, data: ActData): Promise<FileChild[]> {
  const rule = para(
    'Медицинская организация вправе обжаловать заключение, направив претензию в территориальный фонд обязательного медицинского страхования ' +
      'в течение 15 рабочих дней со дня получения акта (часть 1 статьи 42 Федерального закона № 326-ФЗ).',
    { align: 'both' },
  );
  const receivedOn = data.delivery?.receivedOn;
  if (!receivedOn) return [rule];
  const due = await appealDueOn(em, receivedOn).catch((error: unknown) => {
    if (error instanceof DomainError) return null;
    throw error;
  });
  return [
    rule,
    para(
      `Акт получен медицинской организацией ${ruDate(receivedOn)}: срок обжалования — по ${due ? ruDate(due) : '(нет производственного календаря)'} включительно.`,
    ),
  ];
}

function deliveryPart(data: ActData): FileChild[] {
  const d = data.delivery;
  if (!d) return [];
  const lines = [
    d.sentOn && `Акт направлен в медицинскую организацию ${ruDate(d.sentOn)} (${d.method ? ACT_DELIVERY_METHOD_LABEL[d.method] : ''}).`,
    d.receivedOn && `Получен ${ruDate(d.receivedOn)}${d.signedWithDisagreement ? ', подписан с разногласиями' : ''}.`,
  ].filter((x): x is string => Boolean(x));
  const objections = d.objections.map((o) => {
    const p = data.priced.find((x) => x.finding.id === o.findingId);
    return para(`Разногласие по коду ${p?.code.code ?? '—'}: ${o.text}`);
  });
  return [para(lines.join(' ')), ...objections];
}

/** On a conclusion the fund decided: what it decided and the amounts in force. */
function fundDecision(data: ActData): FileChild[] {
  const { appeal, revisionOf } = data;
  if (revisionOf) {
    return [
      para(
        `Заключение оформлено по решению ТФОМС от ${ruDate(revisionOf.decidedOn)} по претензии на заключение № ${revisionOf.expertise.number}: ` +
          `${APPEAL_OUTCOME_LABEL[AppealOutcome.PARTLY]}; в силе замечания, перечисленные ниже.`,
        { bold: true },
      ),
    ];
  }
  if (!appeal?.outcome) return [];
  const repeat = appeal.repeatType ? ` (повторная ${appeal.repeatType === ExpertiseType.EKMP ? 'ЭКМП' : 'МЭЭ'} от ${ruDate(appeal.repeatHeldOn)})` : '';
  const inForce =
    appeal.outcome === AppealOutcome.OVERTURNED
      ? 'Суммы по настоящему заключению не применяются: неоплата 0,00 ₽, штраф 0,00 ₽.'
      : appeal.outcome === AppealOutcome.PARTLY && data.revisedTotals
        ? `Действует заключение № ${data.revisedTotals.number}: неоплата ${money(data.revisedTotals.amountNotPaid)}, штраф ${money(data.revisedTotals.fine)}.`
        : 'Суммы настоящего заключения остаются в силе.';
  return [para(`Решение ТФОМС от ${ruDate(appeal.decidedOn)}${repeat}: ${APPEAL_OUTCOME_LABEL[appeal.outcome]}. ${inForce}`, { bold: true })];
}

/** The act of an expertise as the MO receives it: a Word document in Russian; a draft is marked «ПРОЕКТ». */
export async function buildExpertiseAct(em: EntityManager, expertise: Expertise, rules: BusinessRules): Promise<Buffer> {
  const data = await loadAct(em, expertise, rules);
  const org = (id: string) => data.organisations.find((o) => o.id === id)!;
  const { refusalCase, person, expert } = data;
  const smo = org(refusalCase.smo.id);
  const expertCredentials = [
    expert.position,
    expert.specialty && `специальность «${expert.specialty}»`,
    expert.expertRegistryNumber && `№ в реестре экспертов ${expert.expertRegistryNumber}`,
  ]
    .filter(Boolean)
    .join(', ');
  const diagnosis = (await diagnosesOf(em, [refusalCase.mainDiagnosis]))?.get(refusalCase.mainDiagnosis);
  const children: FileChild[] = [
    para(smo.fullName, { align: 'center' }),
    para(`${TITLE[expertise.type]} № ${expertise.number}`, { bold: true, align: 'center', size: 28, spaceBefore: 120 }),
    para(`от ${expertise.conclusionDate ? ruDate(expertise.conclusionDate) : '«___» ____________ 20___ г.'}`, { align: 'center' }),
    ...fundDecision(data),
    labelled('Основание', `${EXPERTISE_KIND_LABEL[expertise.kind]} экспертиза, начата ${ruDate(expertise.startDate)}; ${LEGAL_BASIS}`),
    labelled('Медицинская организация', org(refusalCase.mo.id).fullName),
    labelled('Застрахованное лицо', `${fullNameOf(person)}, дата рождения ${ruDate(person.birthDate)}, ЕНП ${person.enp}`),
    labelled(
      'Случай отказа',
      `${refusalCase.number}: направление на МСЭ № ${refusalCase.referralNumber} от ${ruDate(refusalCase.referralDate)}; ` +
        `решение ${org(refusalCase.bureau.id).fullName} № ${refusalCase.refusalDocumentNumber} от ${ruDate(refusalCase.refusalDate)}; ` +
        `диагноз ${refusalCase.mainDiagnosis}${diagnosis ? ` (${diagnosis.name})` : ''}`,
    ),
    labelled('Эксперт', `${expert.fullName}${expertCredentials ? `, ${expertCredentials}` : ''}`),
    heading('Выявленные нарушения'),
    findingsTable(data),
    ...totals(data),
    ...discussionPart(data),
    heading('Порядок обжалования'),
    ...(await appealRule(em, data)),
    ...deliveryPart(data),
    signature('Эксперт', expert.fullName),
    signature(`Руководитель ${smo.shortName}`, null),
    heading('Отметка медицинской организации о получении акта'),
    para(
      data.delivery?.receivedOn
        ? `Акт получен ${ruDate(data.delivery.receivedOn)}${data.delivery.signedWithDisagreement ? ' и подписан с разногласиями' : ''}.`
        : 'Акт получен «___» ____________ 20___ г.',
    ),
    signature('Руководитель (уполномоченное лицо) МО', null),
  ];
  const title = `${TITLE[expertise.type]} № ${expertise.number}`;
  return officialDocument(title, children, { draft: !data.signed });
}
