import type { CaseState, RefusalCaseFilter, RefusalCaseOrder, ReportFigure } from '../../generated/graphql';
import { CASE_STATE } from '../ui/labels';

/**
 * The case list's filter as it stands in the URL, so that a link opens the same list. Parameter
 * names are short and stable: state, smo, mo, bureau, from, to, quarter (2024-2), dx, enp, q, order,
 * and the report's groups: group (a МКБ-10 class or block), exam (an НМУ code named missing), repeat,
 * fig and figkey (a figure of the report that counts expertises, reviews, actions, examinations or referrals).
 */
export interface CaseListQuery {
  states: CaseState[];
  smoId: string;
  moId: string;
  bureauId: string;
  from: string;
  to: string;
  quarter: string;
  diagnosis: string;
  enp: string;
  search: string;
  icdGroup: string;
  missingExamination: string;
  repeatRefusal: boolean;
  reportFigure: ReportFigure | '';
  reportFigureKey: string;
  order: RefusalCaseOrder;
  after: string;
}

export const DEFAULT_ORDER: RefusalCaseOrder = 'REGISTERED_DESC';

const isState = (value: string): value is CaseState => value in CASE_STATE;

export function readCaseListQuery(params: URLSearchParams): CaseListQuery {
  return {
    states: params.getAll('state').filter(isState),
    smoId: params.get('smo') ?? '',
    moId: params.get('mo') ?? '',
    bureauId: params.get('bureau') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    quarter: params.get('quarter') ?? '',
    diagnosis: params.get('dx') ?? '',
    enp: params.get('enp') ?? '',
    search: params.get('q') ?? '',
    icdGroup: params.get('group') ?? '',
    missingExamination: params.get('exam') ?? '',
    repeatRefusal: params.get('repeat') === '1',
    reportFigure: (params.get('fig') as ReportFigure | null) ?? '',
    reportFigureKey: params.get('figkey') ?? '',
    order: (params.get('order') as RefusalCaseOrder | null) ?? DEFAULT_ORDER,
    after: params.get('after') ?? '',
  };
}

export function writeCaseListQuery(query: CaseListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const state of query.states) params.append('state', state);
  const scalars: Array<[string, string]> = [
    ['smo', query.smoId],
    ['mo', query.moId],
    ['bureau', query.bureauId],
    ['from', query.from],
    ['to', query.to],
    ['quarter', query.quarter],
    ['dx', query.diagnosis],
    ['enp', query.enp],
    ['q', query.search],
    ['group', query.icdGroup],
    ['exam', query.missingExamination],
    ['repeat', query.repeatRefusal ? '1' : ''],
    ['fig', query.reportFigure],
    ['figkey', query.reportFigureKey],
    ['order', query.order === DEFAULT_ORDER ? '' : query.order],
    ['after', query.after],
  ];
  for (const [key, value] of scalars) if (value) params.set(key, value);
  return params;
}

const QUARTER = /^(\d{4})-([1-4])$/;

export function toApiFilter(query: CaseListQuery): RefusalCaseFilter {
  const quarter = QUARTER.exec(query.quarter);
  return {
    states: query.states.length ? query.states : undefined,
    smoId: query.smoId || undefined,
    moId: query.moId || undefined,
    bureauId: query.bureauId || undefined,
    refusalDateFrom: query.from || undefined,
    refusalDateTo: query.to || undefined,
    quarter: quarter ? { year: Number(quarter[1]), quarter: Number(quarter[2]) } : undefined,
    diagnosis: query.diagnosis.trim() || undefined,
    enp: query.enp.trim() || undefined,
    search: query.search.trim() || undefined,
    icdGroup: query.icdGroup.trim() || undefined,
    missingExamination: query.missingExamination.trim() || undefined,
    repeatRefusal: query.repeatRefusal || undefined,
    reportFigure: query.reportFigure ? { figure: query.reportFigure, key: query.reportFigureKey || null } : undefined,
  };
}

/** Quarters to choose from: this year's and the previous two years', newest first. */
export function recentQuarters(today = new Date()): Array<{ value: string; label: string }> {
  const year = today.getFullYear();
  const result: Array<{ value: string; label: string }> = [];
  for (let y = year; y >= year - 2; y--) for (let q = 4; q >= 1; q--) result.push({ value: `${y}-${q}`, label: `${q} квартал ${y}` });
  return result;
}

const NO_FILTER: CaseListQuery = readCaseListQuery(new URLSearchParams());

/** The address of the case list with this filter: how a figure opens the cases behind it. */
export const caseListLink = (filter: Partial<CaseListQuery>): string => `/cases?${writeCaseListQuery({ ...NO_FILTER, ...filter }).toString()}`;
