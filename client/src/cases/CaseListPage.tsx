import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { RefusalCasesDocument, type CaseState, type RefusalCaseOrder } from '../../generated/graphql';
import { organisationOptions, useOrganisations } from '../app/organisations';
import { useViewer } from '../app/session';
import { Empty, Loading, RequestError } from '../ui/feedback';
import { SelectField, TextField } from '../ui/fields';
import { formatDate, personName } from '../ui/format';
import { CASE_STATE, options } from '../ui/labels';
import { readCaseListQuery, recentQuarters, toApiFilter, writeCaseListQuery, type CaseListQuery } from './case-filter';
import { DateField } from '../ui/DateField';
import { CaseRegisterButton } from './CaseRegisterButton';
import { ENUM_LABELS } from '../app/enum-labels.generated';

const PAGE_SIZE = 25;

/** «2024-1» as «1 квартал 2024». */
const quarterWords = (value: string) => {
  const [year, quarter] = value.split('-');
  return year && quarter ? `${quarter} квартал ${year}` : 'квартал не указан';
};

/** How many of the folded filters are set. */
const advancedFiltersSet = (q: CaseListQuery) =>
  [q.states.length > 0, q.smoId, q.moId, q.bureauId, q.quarter, q.from, q.to, q.icdGroup, q.missingExamination, q.repeatRefusal].filter(Boolean).length;

export function CaseListPage() {
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const query = readCaseListQuery(params);
  const [draft, setDraft] = useState<CaseListQuery>(query);
  const advancedSet = advancedFiltersSet(draft);
  const [moreOpen, setMoreOpen] = useState(advancedSet > 0);
  // The URL is the source of truth: going back or following a shared link refills the form.
  const paramsKey = params.toString();
  useEffect(() => {
    const fromLink = readCaseListQuery(new URLSearchParams(paramsKey));
    setDraft(fromLink);
    if (advancedFiltersSet(fromLink) > 0) setMoreOpen(true);
  }, [paramsKey]);

  const [{ data, fetching, error }] = useQuery({
    query: RefusalCasesDocument,
    variables: { first: PAGE_SIZE, after: query.after || undefined, filter: toApiFilter(query), orderBy: query.order },
  });

  const apply = (next: CaseListQuery) => setParams(writeCaseListQuery({ ...next, after: '' }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const set =
    <K extends keyof CaseListQuery>(key: K) =>
    (value: CaseListQuery[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const sortBy = (column: 'REFUSAL_DATE' | 'REGISTERED') => {
    const order: RefusalCaseOrder = query.order === `${column}_DESC` ? `${column}_ASC` : `${column}_DESC`;
    apply({ ...query, order });
  };
  const sortMark = (column: 'REFUSAL_DATE' | 'REGISTERED') =>
    query.order === `${column}_DESC` ? 'descending' : query.order === `${column}_ASC` ? 'ascending' : 'none';

  const { smos, mos, bureaus } = useOrganisations();
  const connection = data?.refusalCases;

  return (
    <section aria-labelledby="cases-title">
      <div className="page-title">
        <h1 id="cases-title">Случаи отказа</h1>
        {viewer.role === 'SMO_EXPERT' && (
          <div className="actions">
            <Link className="button" to="/cases/new">
              Зарегистрировать случай
            </Link>
            <Link className="button button--secondary" to="/cases/import">
              Загрузить из таблицы
            </Link>
          </div>
        )}
      </div>

      <form className="filters" onSubmit={submit} aria-label="Фильтр случаев">
        <TextField label="Поиск" placeholder="ФИО, номер случая, примечание" value={draft.search} onChange={set('search')} type="search" />
        <TextField label="ЕНП" value={draft.enp} onChange={set('enp')} inputMode="numeric" maxLength={16} />
        <TextField label="Диагноз (МКБ-10)" placeholder="I63 или I63.5" value={draft.diagnosis} onChange={(v) => set('diagnosis')(v.toUpperCase())} />
        <div className="filters__buttons">
          <button type="submit">Найти</button>
          <button type="button" className="button--secondary" onClick={() => setParams(new URLSearchParams())}>
            Сбросить
          </button>
        </div>
        {/* The rarer filters fold away so that the list, not the form, fills a laptop screen; set ones keep it open. */}
        <details className="filters__more" open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
          <summary>Ещё фильтры{advancedSet ? ` (задано: ${advancedSet})` : ''}</summary>
          <div className="filters__more-grid">
            <fieldset className="filters__states">
              <legend>Состояние</legend>
              {options(CASE_STATE).map((o) => (
                <label key={o.value}>
                  <input
                    type="checkbox"
                    checked={draft.states.includes(o.value)}
                    onChange={(e) => set('states')(e.target.checked ? [...draft.states, o.value] : draft.states.filter((s: CaseState) => s !== o.value))}
                  />
                  {o.label}
                </label>
              ))}
            </fieldset>
            {viewer.role !== 'SMO_EXPERT' && (
              <SelectField label="СМО" value={draft.smoId} options={organisationOptions(smos)} placeholder="все" onChange={set('smoId')} />
            )}
            {viewer.role !== 'MO_COMMISSION' && (
              <SelectField label="МО" value={draft.moId} options={organisationOptions(mos)} placeholder="все" onChange={set('moId')} />
            )}
            <SelectField label="Бюро МСЭ" value={draft.bureauId} options={organisationOptions(bureaus)} placeholder="все" onChange={set('bureauId')} />
            <SelectField label="Квартал отказа" value={draft.quarter} options={recentQuarters()} placeholder="любой" onChange={set('quarter')} />
            <DateField label="Дата отказа с" value={draft.from} onChange={set('from')} />
            <DateField label="по" value={draft.to} onChange={set('to')} />
            <TextField label="Класс или блок МКБ-10" placeholder="IX или I60-I69" value={draft.icdGroup} onChange={(v) => set('icdGroup')(v.toUpperCase())} />
            <TextField
              label="Не хватало обследования (код НМУ)"
              placeholder="A05.10.006"
              value={draft.missingExamination}
              onChange={(v) => set('missingExamination')(v.toUpperCase())}
            />
            <label className="filters__flag">
              <input type="checkbox" checked={draft.repeatRefusal} onChange={(e) => set('repeatRefusal')(e.target.checked)} />
              Только повторные отказы
            </label>
          </div>
        </details>
      </form>

      {query.reportFigure && (
        <p className="banner banner--info">
          Случаи показателя квартального отчёта: {ENUM_LABELS.ReportFigure[query.reportFigure]}
          {query.reportFigureKey && (query.reportFigure === 'FINDING_CODE' || query.reportFigure === 'OTHER_EXAMINATION') ? ` «${query.reportFigureKey}»` : ''},{' '}
          {quarterWords(query.quarter)}. «Сбросить» показывает все случаи.
        </p>
      )}
      {error && <RequestError error={error} />}
      {!connection && fetching && <Loading what="Загрузка случаев" />}
      {connection && (
        <>
          <div className="row row--wrap">
            <p className="result-count" role="status">
              Найдено: {connection.totalCountExact ? '' : 'более '}
              {connection.totalCount}
              {fetching && ' · обновление…'}
            </p>
            {connection.totalCount > 0 && <CaseRegisterButton filter={toApiFilter(query)} orderBy={query.order} />}
          </div>
          {connection.edges.length === 0 ? (
            <Empty>Случаев по этому фильтру нет.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Номер</th>
                    <th scope="col">Застрахованное лицо</th>
                    <th scope="col">МО</th>
                    <th scope="col">Бюро МСЭ</th>
                    <th scope="col" aria-sort={sortMark('REFUSAL_DATE')}>
                      <button type="button" className="sort" onClick={() => sortBy('REFUSAL_DATE')}>
                        Дата отказа
                      </button>
                    </th>
                    <th scope="col">Диагноз</th>
                    <th scope="col">Состояние</th>
                    <th scope="col" aria-sort={sortMark('REGISTERED')}>
                      <button type="button" className="sort" onClick={() => sortBy('REGISTERED')}>
                        Зарегистрирован
                      </button>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {connection.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td className="nowrap">
                        <Link to={`/cases/${node.id}`}>{node.number}</Link>
                      </td>
                      <td>
                        {personName(node.person)}
                        <div className="muted">ЕНП {node.person.enp}</div>
                      </td>
                      <td>{node.mo.shortName}</td>
                      <td>{node.bureau.shortName}</td>
                      <td>{formatDate(node.refusalDate)}</td>
                      <td title={node.mainDiagnosisName ?? undefined}>{node.mainDiagnosis}</td>
                      <td>
                        <span className={`state state--${node.state.toLowerCase()}`}>{CASE_STATE[node.state]}</span>
                      </td>
                      <td>{formatDate(node.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label="Страницы">
            <button type="button" className="button--secondary" disabled={!query.after} onClick={() => navigate(-1)}>
              ← Предыдущая
            </button>
            <button type="button" className="button--secondary" disabled={!query.after} onClick={() => apply(query)}>
              В начало
            </button>
            <button
              type="button"
              className="button--secondary"
              disabled={!connection.pageInfo.hasNextPage}
              onClick={() => setParams(writeCaseListQuery({ ...query, after: connection.pageInfo.endCursor ?? '' }))}
            >
              Следующая →
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
