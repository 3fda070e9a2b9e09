import { Cursor, raw, type FilterQuery, type QBFilterQuery } from '@mikro-orm/core';
import { execute, sql, type Sql } from '../../db/sql.js';
import { casePartyColumn, caseScope, caseScopeSql } from '../../access/records.js';
import { invalidArgument } from '../../shared/errors.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { quarterBounds } from '../../shared/quarters.js';
import { escapeLike, isUuid } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';
import { latinNmuCode } from '../../shared/identifiers.js';
import { icd10GroupContainsSql } from '../reference/icd10-classes.js';
import { RefusalCase } from './refusal-case.entity.js';
import { repeatAcrossInsurers, repeatRefusalSql } from './repeat-refusal.js';
import { contributedCaseConditions } from './case-conditions.js';
import { RefusalCaseOrder, type RefusalCaseFilter } from './refusal-case.filter.js';

export const MAX_PAGE_SIZE = 100;

export const CASE_ORDERS: Record<RefusalCaseOrder, Record<string, 'asc' | 'desc'>> = {
  REFUSAL_DATE_DESC: { refusalDate: 'desc', id: 'desc' },
  REFUSAL_DATE_ASC: { refusalDate: 'asc', id: 'asc' },
  REGISTERED_DESC: { createdAt: 'desc', id: 'desc' },
  REGISTERED_ASC: { createdAt: 'asc', id: 'asc' },
};

/** An id no case has: a condition on it matches nothing rather than failing the query. */
const NO_CASE = '00000000-0000-0000-0000-000000000000';

function idCondition(field: string, id: string | undefined | null): FilterQuery<RefusalCase> {
  if (!id) return {};
  return { [field]: isUuid(id) ? id : NO_CASE };
}

/** The words of a search as a full-text prefix query: each is the beginning of a word of the case (surname, number, remarks). */
function searchQuery(search: string | null | undefined): string | null {
  const words = (search ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}

/**
 * A search as SQL on a case alias. With `gatheredYear` (SQL of the code's making), the matches of that
 * year are gathered from an index of words prefixed by the viewer's organisation (none for one who
 * reads every organisation) and the year (`dated_search_lexemes`, see its migration): neither another
 * organisation's matches nor another year's are read. A page walking the newest cases checks each
 * case's own words.
 */
function searchSql(viewer: Viewer, query: string, alias: string, gatheredYear: string | null): Sql {
  if (gatheredYear === null) return { sql: `${alias}.search_vector @@ to_tsquery('simple', ?)`, params: [query] };
  // One without an organisation sees nothing anyway; the scope condition beside this says so.
  const party = casePartyColumn(viewer);
  const scope = party ? { column: `${alias}.${party}_id`, id: viewer.organisationId } : { column: 'null', id: null };
  return {
    sql: `dated_search_lexemes(${scope.column}, ${alias}.refusal_date, ${alias}.search_vector) @@ dated_search_query(?::uuid, ${gatheredYear}, to_tsquery('simple', ?))`,
    params: [scope.id, query],
  };
}

/**
 * Translates the API filter into conditions; the organisation scope is always added on top. With
 * `searchMatches`, the search is those ids instead of the full-text condition; `gatheredYear`: the
 * search's matches of that year are to be gathered from an index (`searchSql`).
 */
export function caseConditions(
  viewer: Viewer,
  filter: RefusalCaseFilter = {},
  searchMatches: string[] | null = null,
  gatheredYear: string | null = null,
): FilterQuery<RefusalCase> {
  const conditions: FilterQuery<RefusalCase>[] = [caseScope(viewer)];
  if (filter.states?.length) conditions.push({ state: { $in: filter.states } });
  conditions.push(idCondition('smo', filter.smoId), idCondition('mo', filter.moId), idCondition('bureau', filter.bureauId));
  if (filter.refusalDateFrom) conditions.push({ refusalDate: { $gte: filter.refusalDateFrom } });
  if (filter.refusalDateTo) conditions.push({ refusalDate: { $lte: filter.refusalDateTo } });
  // A report figure's quarter is the figure's own (an expertise counts by its conclusion's date): its SQL holds it.
  if (filter.quarter && !filter.reportFigure) {
    const { from, to } = quarterBounds(filter.quarter.year, filter.quarter.quarter);
    conditions.push({ refusalDate: { $gte: from, $lte: to } });
  }
  const diagnosis = filter.diagnosis?.trim().toUpperCase();
  if (diagnosis) conditions.push({ mainDiagnosis: { $like: `${escapeLike(diagnosis)}%` } });
  const enp = filter.enp?.trim();
  if (enp) conditions.push({ person: { enp } });
  conditions.push(...reportGroupConditions(viewer, filter));
  const query = searchQuery(filter.search);
  if (searchMatches) conditions.push({ id: { $in: searchMatches.length ? searchMatches : [NO_CASE] } });
  else if (query) conditions.push(onAlias((alias) => searchSql(viewer, query, alias, gatheredYear)));
  return { $and: conditions.filter((c) => Object.keys(c).length > 0) };
}

/** A raw condition on the case's alias; its parameters do not depend on the alias. */
function onAlias(fragment: (alias: string) => Sql): FilterQuery<RefusalCase> {
  return { [raw((alias: string) => fragment(alias).sql, fragment('c').params)]: [] };
}

/** The groups the quarterly report counts by, so that each of its figures opens the cases behind it. */
function reportGroupConditions(viewer: Viewer, filter: RefusalCaseFilter): FilterQuery<RefusalCase>[] {
  const conditions: FilterQuery<RefusalCase>[] = [];
  const group = filter.icdGroup?.trim().toUpperCase();
  if (group) conditions.push(onAlias((alias) => icd10GroupContainsSql(`${alias}.main_diagnosis`, group)));
  const examination = filter.missingExamination?.trim();
  if (examination) {
    const named = JSON.stringify([{ nmuCode: latinNmuCode(examination) }]);
    conditions.push(onAlias((alias) => ({ sql: `${alias}.missing_examinations @> ?::jsonb`, params: [named] })));
  }
  if (filter.repeatRefusal) {
    const acrossInsurers = repeatAcrossInsurers(viewer, filter.smoId);
    conditions.push(onAlias((alias) => ({ sql: repeatRefusalSql(acrossInsurers, alias), params: [] })));
  }
  for (const condition of contributedCaseConditions(viewer, filter)) conditions.push(onAlias(condition));
  return conditions;
}

export interface CasePageRequest {
  filter?: RefusalCaseFilter | null;
  first: number;
  after?: string | null;
  orderBy?: RefusalCaseOrder | null;
}

/** How a text search is served: up to `searchIdListMax` matches by their ids; its total counted up to `searchCountMax`. */
export interface CaseSearchLimits {
  searchIdListMax: number;
  searchCountMax: number;
}

/** How many cases a page's filter holds: `exact` is false past the search's count limit. */
interface CaseTally {
  count: number;
  exact: boolean;
}

/**
 * A text search's matches, gathered once: counted up to `searchCountMax` (a common surname's every
 * match over years of archive was counted to show one page) and, when there are at most
 * `searchIdListMax`, their ids, for the page to go by. Left alone, the planner walks the viewer's
 * cases newest first and checks each against the search, betting on finding a page early: right for
 * a common surname, but a rare one (the usual search) walks them all (≈ 350 ms on a million cases).
 * The viewer's years are read newest first, and the limit stops the loop over them once the count's
 * limit is passed: the archive's older years are read only for a search that few cases match.
 */
export function searchTallySql(em: EntityManager, viewer: Viewer, filter: RefusalCaseFilter, { searchIdListMax, searchCountMax }: CaseSearchLimits): Sql {
  const gathered = em
    .createQueryBuilder(RefusalCase)
    .select('id')
    .where(caseConditions(viewer, filter, null, 'y.year') as QBFilterQuery<RefusalCase>)
    .getKnexQuery()
    .toSQL();
  // `offset 0` keeps each year's gathering whole: with the limit pushed into it, the planner walks
  // the cases newest first instead, betting on finding enough early.
  return sql`select count(*)::int as n, case when count(*) <= ${searchIdListMax} then coalesce(json_agg(m.id), '[]') end as ids
     from (select g.id
             from (select extract(year from min(c.refusal_date))::int as first, extract(year from max(c.refusal_date))::int as last
                     from refusal_case c where ${caseScopeSql(viewer)}) span
            cross join lateral generate_series(span.last, span.first, -1) as y(year)
            cross join lateral (${{ sql: gathered.sql, params: [...gathered.bindings] }} offset 0) g
            limit ${Math.max(searchCountMax, searchIdListMax) + 1}) m`;
}

async function tallySearch(
  em: EntityManager,
  viewer: Viewer,
  filter: RefusalCaseFilter,
  limits: CaseSearchLimits,
): Promise<CaseTally & { matches: string[] | null }> {
  const [{ n, ids }] = await execute<{ n: number; ids: string[] | null }>(em, searchTallySql(em, viewer, filter, limits));
  return {
    count: Math.min(n, limits.searchCountMax),
    exact: n <= limits.searchCountMax,
    matches: limits.searchIdListMax > 0 ? ids : null,
  };
}

/** A page of the viewer's cases; a search with at most `searchIdListMax` matches goes by their ids. */
export async function findCasePage(em: EntityManager, viewer: Viewer, request: CasePageRequest, limits: CaseSearchLimits) {
  if (!Number.isInteger(request.first) || request.first < 1 || request.first > MAX_PAGE_SIZE) {
    throw invalidArgument('first', `first: от 1 до ${MAX_PAGE_SIZE}`);
  }
  const orderBy = CASE_ORDERS[request.orderBy ?? RefusalCaseOrder.REFUSAL_DATE_DESC];
  if (request.after) {
    try {
      Cursor.decode(request.after);
    } catch {
      throw invalidArgument('after', 'after: неверный курсор');
    }
  }
  // Without a search the total is counted beside the page and its nested loads; a search's matches
  // are gathered first, once, for both. Conditions are built anew each time (raw fragments serve one query).
  const filter = request.filter ?? {};
  const searched = searchQuery(filter.search) ? await tallySearch(em, viewer, filter, limits) : null;
  const total: Promise<CaseTally> = searched
    ? Promise.resolve(searched)
    : em
        .fork()
        .count(RefusalCase, caseConditions(viewer, filter))
        .then((count) => ({ count, exact: true }));
  total.catch(() => undefined); // reported where the field is resolved, never as an unhandled rejection
  const matches = searched?.matches ?? null;
  const cursor = await em.findByCursor(RefusalCase, caseConditions(viewer, filter, matches), {
    first: request.first,
    after: request.after ?? undefined,
    orderBy: orderBy,
    includeCount: false,
  });
  return {
    edges: cursor.items.map((node) => ({ node, cursor: cursor.from(node) })),
    pageInfo: {
      hasNextPage: cursor.hasNextPage ?? false,
      hasPreviousPage: cursor.hasPrevPage ?? false,
      startCursor: cursor.startCursor,
      endCursor: cursor.endCursor,
    },
    totalCount: total.then((t) => t.count),
    totalCountExact: total.then((t) => t.exact),
  };
}
