import { Link } from 'react-router';
import type { CountRowFieldsFragment, QuarterlyReportFieldsFragment, ReportFigure } from '../../generated/graphql';
import { caseListLink, type CaseListQuery } from '../cases/case-filter';
import { formatDate, formatMoney, formatPercent } from '../ui/format';

type Report = QuarterlyReportFieldsFragment;
type CaseFilter = Partial<CaseListQuery>;

/** The case lists behind the report's figures: its SMO (or all) and its quarter or the one before. */
export function reportCases(r: Report) {
  const previous = r.quarter === 1 ? `${r.year - 1}-4` : `${r.year}-${r.quarter - 1}`;
  const of = (quarter: string) => (filter: CaseFilter) => caseListLink({ smoId: r.smoId ?? '', quarter, ...filter });
  const current = of(`${r.year}-${r.quarter}`);
  /** The cases of a figure that counts something other than refusals, within a group when given. */
  const figure = (reportFigure: ReportFigure, group: CaseFilter = {}, reportFigureKey = '') => current({ reportFigure, reportFigureKey, ...group });
  return { current, previous: of(previous), figure };
}

/** A figure that opens the cases it counts. */
function Figure({ value, to }: { value: string | number; to?: string }) {
  return to ? (
    <Link to={to} title="Открыть случаи">
      {value}
    </Link>
  ) : (
    <>{value}</>
  );
}

/** A table of figures: the group's name, then numeric columns. */
function FigureTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: readonly string[];
  rows: ReadonlyArray<{ key: string; label: string; figures: ReadonlyArray<string | number>; links?: ReadonlyArray<string | undefined> }>;
}) {
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Группа</th>
            {headers.map((h) => (
              <th key={h} scope="col" className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={headers.length + 1} className="muted">
                Нет данных
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              {r.figures.map((f, i) => (
                <td key={i} className="num">
                  <Figure value={f} to={r.links?.[i]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CountTable({
  caption,
  rows,
  withPrevious = false,
  cases,
}: {
  caption: string;
  rows: readonly CountRowFieldsFragment[];
  withPrevious?: boolean;
  /** The case list filter of a row, when its figures count cases of the report's quarters. */
  cases?: { of: ReturnType<typeof reportCases>; filter(row: CountRowFieldsFragment): CaseFilter | null };
}) {
  const links = (row: CountRowFieldsFragment) => {
    const filter = cases?.filter(row);
    return filter ? [cases!.of.current(filter), cases!.of.previous(filter)] : undefined;
  };
  return (
    <FigureTable
      caption={caption}
      headers={withPrevious ? ['Количество', 'Прошлый квартал'] : ['Количество']}
      rows={rows.map((r) => ({ key: r.key, label: r.label, figures: withPrevious ? [r.count, r.previousCount ?? '—'] : [r.count], links: links(r) }))}
    />
  );
}

/** The report's key of a МКБ-10 group; «—» gathers codes outside the dictionary and opens nothing. */
const icdGroup = (row: CountRowFieldsFragment): CaseFilter | null => (row.key === '—' ? null : { icdGroup: row.key });

export function RefusalsSection({ report: r }: { report: Report }) {
  const of = reportCases(r);
  return (
    <section aria-labelledby="refusals-title" className="panel">
      <h2 id="refusals-title">Отказы в освидетельствовании</h2>
      <p className="muted">Числа и доли открывают список случаев, которые они считают (доля — случаи своего числителя).</p>
      <dl className="figures">
        <dt>Всего отказов</dt>
        <dd>
          <Figure value={r.refusals.total} to={of.current({})} />
        </dd>
        <dt>В прошлом квартале</dt>
        <dd>
          <Figure value={r.refusals.previousTotal} to={of.previous({})} />
        </dd>
        <dt>Изменение</dt>
        <dd>{formatPercent(r.refusals.changePercent)}</dd>
        <dt>Повторные отказы</dt>
        <dd>
          <Figure value={r.refusals.repeatRefusals} to={of.current({ repeatRefusal: true })} />
        </dd>
      </dl>
      <div className="tables">
        <CountTable caption="По медицинским организациям" rows={r.refusals.byMo} withPrevious cases={{ of, filter: (row) => ({ moId: row.key }) }} />
        <CountTable caption="По бюро МСЭ" rows={r.refusals.byBureau} withPrevious cases={{ of, filter: (row) => ({ bureauId: row.key }) }} />
        <CountTable caption="По классам МКБ-10" rows={r.refusals.byIcdChapter} withPrevious cases={{ of, filter: icdGroup }} />
        <CountTable caption="По блокам МКБ-10" rows={r.refusals.byIcdBlock} withPrevious cases={{ of, filter: icdGroup }} />
        <CountTable
          caption="Чаще всего не хватает обследований (коды НМУ)"
          rows={r.refusals.topMissingExaminations}
          cases={{ of, filter: (row) => ({ missingExamination: row.key }) }}
        />
        <CountTable
          caption="Записано текстом («другое»)"
          rows={r.refusals.otherMissingExaminations}
          cases={{ of, filter: (row) => ({ reportFigure: 'OTHER_EXAMINATION', reportFigureKey: row.key }) }}
        />
      </div>
    </section>
  );
}

type GapRow = NonNullable<Report['examinations']>['byMo'][number];

const GAP_HEADERS = ['Случаев', 'В перечне', 'Требуется, не названо', 'Названо сверх перечня'];

const GAP_FIGURES: ReadonlyArray<ReportFigure | null> = [null, 'LIST_REQUIRES', 'LIST_REQUIRED_NOT_NAMED', 'LIST_NAMED_BEYOND'];

/** The gaps against the list, group by group; each figure opens the group's cases it counts. */
function GapTable({ caption, rows, report, groupOf }: { caption: string; rows: readonly GapRow[]; report: Report; groupOf(row: GapRow): CaseFilter | null }) {
  const of = reportCases(report);
  return (
    <FigureTable
      caption={caption}
      headers={GAP_HEADERS}
      rows={rows.map((g) => {
        const group = groupOf(g);
        return {
          key: g.key,
          label: g.label,
          figures: [g.cases, g.casesInList, g.requiredButNotNamed, g.namedButNotRequired],
          links: group ? GAP_FIGURES.map((f) => (f ? of.figure(f, group) : of.current(group))) : undefined,
        };
      })}
    />
  );
}

/** Missing examinations against the 402н/631н list: gaps by MO, bureau and class, repeats after the referral check. */
export function ExaminationsSection({ report: r }: { report: Report }) {
  const x = r.examinations;
  const of = reportCases(r);
  if (!x) return null;
  return (
    <section aria-labelledby="order-title" className="panel">
      <h2 id="order-title">Полнота обследования по перечню 402н/631н</h2>
      <dl className="figures">
        <dt>С кодом НМУ</dt>
        <dd>
          <Figure value={x.coded} to={of.figure('EXAMINATIONS_CODED')} />
        </dd>
        <dt>Текстом («другое»)</dt>
        <dd>
          <Figure value={x.otherText} to={of.figure('EXAMINATIONS_TEXT')} />
        </dd>
      </dl>
      {!x.listLoaded ? (
        <p className="muted">Перечень (справочник ФНСИ 1.2.643.5.1.13.13.99.2.857) не загружен.</p>
      ) : (
        <div className="tables">
          <GapTable caption="По медицинским организациям" rows={x.byMo} report={r} groupOf={(g) => ({ moId: g.key })} />
          <GapTable caption="По бюро МСЭ" rows={x.byBureau} report={r} groupOf={(g) => ({ bureauId: g.key })} />
          <GapTable caption="По классам МКБ-10" rows={x.byIcdClass} report={r} groupOf={(g) => (g.key === '—' ? null : { icdGroup: g.key })} />
          <FigureTable
            caption={`Повторяющиеся недостающие обследования после появления проверки направления (с ${x.checkAvailableFrom ? formatDate(x.checkAvailableFrom) : '—'})`}
            headers={['Не хватало', 'Из них повторно', 'Доля']}
            rows={x.repeatsAfterCheck.map((m) => ({
              key: m.key,
              label: m.label,
              figures: [m.missingAfterCheck, m.repeatedAfterCheck, formatPercent(m.repeatedPercent)],
              links: [of.figure('CHECK_MISSING', { moId: m.key }), of.figure('CHECK_REPEATED', { moId: m.key }), of.figure('CHECK_REPEATED', { moId: m.key })],
            }))}
          />
        </div>
      )}
    </section>
  );
}

type ReferralRow = NonNullable<Report['referrals']>['total'];

const REFERRAL_HEADERS = [
  'Сведений',
  'Освидетельствовано',
  'Потеряно календарных дней',
  'Потеряно рабочих дней',
  'В среднем, дней',
  'С ответом бюро',
  'Снова в течение 30 дней',
  'Доля',
];

/** The referral's path: days lost before the bureau accepted it, and prompt resubmissions, by MO. */
export function ReferralsSection({ report: r }: { report: Report }) {
  const x = r.referrals;
  const of = reportCases(r);
  if (!x || x.total.recorded === 0) return null;
  const row = (m: ReferralRow, group: CaseFilter) => ({
    key: m.key,
    label: m.label,
    figures: [
      m.recorded,
      m.accepted,
      m.calendarDaysLost,
      m.workingDaysLost ?? 'не рассчитано',
      m.averageCalendarDaysLost === null ? '—' : m.averageCalendarDaysLost.toLocaleString('ru-RU'),
      m.answered,
      m.resubmittedWithin30,
      formatPercent(m.resubmittedWithin30Percent),
    ],
    links: [
      of.figure('REFERRALS_RECORDED', group),
      of.figure('REFERRALS_ACCEPTED', group),
      of.figure('REFERRALS_DAYS_LOST', group),
      of.figure('REFERRALS_DAYS_LOST', group),
      of.figure('REFERRALS_DAYS_LOST', group),
      of.figure('REFERRALS_ANSWERED', group),
      of.figure('REFERRALS_RESUBMITTED', group),
      of.figure('REFERRALS_RESUBMITTED', group),
    ],
  });
  return (
    <section aria-labelledby="referrals-title" className="panel">
      <h2 id="referrals-title">Путь направления</h2>
      <FigureTable
        caption="Потерянные дни и повторные направления по МО"
        headers={REFERRAL_HEADERS}
        rows={[...x.byMo.map((m) => row(m, { moId: m.key })), row(x.total, {})]}
      />
    </section>
  );
}

export function ExpertiseSummary({ report: r }: { report: Report }) {
  const e = r.expertise;
  const of = reportCases(r);
  const figure = (reportFigure: ReportFigure, reportFigureKey = '') => of.figure(reportFigure, {}, reportFigureKey);
  return (
    <section aria-labelledby="exp-title" className="panel">
      <h2 id="exp-title">Экспертизы</h2>
      <dl className="figures">
        <dt>МЭЭ</dt>
        <dd>
          <Figure value={e.meeCount} to={figure('MEE')} />
        </dd>
        <dt>ЭКМП</dt>
        <dd>
          <Figure value={e.ekmpCount} to={figure('EKMP')} />
        </dd>
        <dt>Не оплачено</dt>
        <dd>
          <Figure value={formatMoney(e.totalAmountNotPaid)} to={figure('AMOUNT_NOT_PAID')} />
        </dd>
        <dt>Штрафы</dt>
        <dd>
          <Figure value={formatMoney(e.totalFine)} to={figure('FINE')} />
        </dd>
        <dt>МО не согласна с замечаниями</dt>
        <dd>
          <Figure value={formatPercent(e.disagreementPercent)} to={figure('MO_DISAGREES')} />
        </dd>
        <dt>Обжалования</dt>
        <dd>
          подано <Figure value={e.appeals.filed} to={figure('APPEALS_FILED')} />, на рассмотрении{' '}
          <Figure value={e.appeals.pending} to={figure('APPEALS_PENDING')} />, оставлено в силе{' '}
          <Figure value={e.appeals.upheld} to={figure('APPEALS_UPHELD')} />, отменено <Figure value={e.appeals.overturned} to={figure('APPEALS_OVERTURNED')} />,
          изменено частично <Figure value={e.appeals.partly} to={figure('APPEALS_PARTLY')} />
        </dd>
      </dl>
      <div className="tables">
        <CountTable
          caption="Замечания по кодам дефектов"
          rows={e.findingsByCode}
          cases={{ of, filter: (row) => ({ reportFigure: 'FINDING_CODE', reportFigureKey: row.key }) }}
        />
        <div className="table-wrap">
          <table className="table table--compact">
            <caption>Суммы по МО (с учётом решений по обжалованию)</caption>
            <thead>
              <tr>
                <th scope="col">МО</th>
                <th scope="col" className="num">
                  Замечаний
                </th>
                <th scope="col" className="num">
                  Не оплачено
                </th>
                <th scope="col" className="num">
                  Штрафы
                </th>
              </tr>
            </thead>
            <tbody>
              {e.amountsByMo.map((m) => (
                <tr key={m.key}>
                  <td>{m.label}</td>
                  <td className="num">
                    <Figure value={m.findings} to={figure('MO_FINDINGS', m.key)} />
                  </td>
                  <td className="num">
                    <Figure value={formatMoney(m.amountNotPaid)} to={of.figure('AMOUNT_NOT_PAID', { moId: m.key })} />
                  </td>
                  <td className="num">
                    <Figure value={formatMoney(m.fine)} to={of.figure('FINE', { moId: m.key })} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Итого</th>
                <td className="num">
                  <Figure value={e.amountsByMo.reduce((n, m) => n + m.findings, 0)} to={figure('FINDINGS')} />
                </td>
                <td className="num">
                  <Figure value={formatMoney(e.totalAmountNotPaid)} to={figure('AMOUNT_NOT_PAID')} />
                </td>
                <td className="num">
                  <Figure value={formatMoney(e.totalFine)} to={figure('FINE')} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    </section>
  );
}

export function ReviewsSummary({ report: r }: { report: Report }) {
  const a = r.reviews.actions;
  const of = reportCases(r);
  return (
    <section aria-labelledby="rev-title" className="panel">
      <h2 id="rev-title">Комиссионные разборы и мероприятия</h2>
      <dl className="figures">
        <dt>Мероприятия</dt>
        <dd>
          запланировано <Figure value={a.planned} to={of.figure('ACTIONS_PLANNED')} />, выполняется{' '}
          <Figure value={a.inProgress} to={of.figure('ACTIONS_IN_PROGRESS')} />, выполнено <Figure value={a.done} to={of.figure('ACTIONS_DONE')} />, отменено{' '}
          <Figure value={a.cancelled} to={of.figure('ACTIONS_CANCELLED')} />, просрочено <Figure value={a.overdue} to={of.figure('ACTIONS_OVERDUE')} />
        </dd>
      </dl>
      <div className="tables">
        <div className="table-wrap">
          <table className="table table--compact">
            <caption>Охват и своевременность разборов по МО</caption>
            <thead>
              <tr>
                <th scope="col">МО</th>
                <th scope="col" className="num">
                  Случаев
                </th>
                <th scope="col" className="num">
                  Разобрано
                </th>
                <th scope="col" className="num">
                  В срок
                </th>
                <th scope="col" className="num">
                  Охват
                </th>
                <th scope="col" className="num">
                  Доля в срок
                </th>
              </tr>
            </thead>
            <tbody>
              {r.reviews.coverageByMo.map((m) => (
                <tr key={m.key}>
                  <td>{m.label}</td>
                  <td className="num">
                    <Figure value={m.cases} to={of.current({ moId: m.key })} />
                  </td>
                  <td className="num">
                    <Figure value={m.reviewed} to={of.figure('REVIEWED', { moId: m.key })} />
                  </td>
                  <td className="num">
                    <Figure value={m.reviewedOnTime} to={of.figure('REVIEWED_ON_TIME', { moId: m.key })} />
                  </td>
                  <td className="num">
                    <Figure value={formatPercent(m.coveragePercent)} to={of.figure('REVIEWED', { moId: m.key })} />
                  </td>
                  <td className="num">
                    <Figure value={formatPercent(m.onTimePercent)} to={of.figure('REVIEWED_ON_TIME', { moId: m.key })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CountTable caption="Причины" rows={r.reviews.rootCauses} cases={{ of, filter: (row) => ({ reportFigure: 'ROOT_CAUSE', reportFigureKey: row.key }) }} />
      </div>
    </section>
  );
}

export function PlanSummary({ report: r }: { report: Report }) {
  const of = reportCases(r);
  /** Refusals at the MO whose review names the cause, in the plan's quarter or the report's. */
  const causeCases = (p: Report['planEffect'][number], quarter: 'previous' | 'current') =>
    p.causeId ? of[quarter]({ moId: p.moId, reportFigure: 'ROOT_CAUSE', reportFigureKey: p.causeId }) : undefined;
  return (
    <section aria-labelledby="plan-title" className="panel">
      <h2 id="plan-title">План мероприятий и его результат</h2>
      {r.planItems.length === 0 ? (
        <p className="muted">План на квартал не составлен.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption>План мероприятий</caption>
            <thead>
              <tr>
                <th scope="col">Мероприятие</th>
                <th scope="col">Кому</th>
                <th scope="col">Ответственный</th>
                <th scope="col">Срок</th>
                <th scope="col">Против чего</th>
                <th scope="col">Состояние</th>
                <th scope="col">Согласование МО</th>
              </tr>
            </thead>
            <tbody>
              {r.planItems.map((p, i) => (
                <tr key={i}>
                  <td>
                    {p.measure}
                    {p.outcome && <div className="muted">Итог: {p.outcome}</div>}
                  </td>
                  <td>{p.targets}</td>
                  <td>{p.responsible}</td>
                  <td>{formatDate(p.dueDate)}</td>
                  <td>{p.addresses}</td>
                  <td>{p.status}</td>
                  <td>{p.confirmations}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.planEffect.length > 0 && (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption>Результат плана прошлого квартала: отказы до и после</caption>
            <thead>
              <tr>
                <th scope="col">МО</th>
                <th scope="col">Причина</th>
                <th scope="col" className="num">
                  До
                </th>
                <th scope="col" className="num">
                  После
                </th>
              </tr>
            </thead>
            <tbody>
              {r.planEffect.map((p, i) => (
                <tr key={i}>
                  <td>{p.moName}</td>
                  <td>{p.cause}</td>
                  <td className="num">
                    <Figure value={p.before} to={causeCases(p, 'previous')} />
                  </td>
                  <td className="num">
                    <Figure value={p.after} to={causeCases(p, 'current')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
