import { Cursor, raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { quarterBounds } from '../../shared/quarters.js';
import { escapeLike, isUuid } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';
import { RefusalCase } from './refusal-case.entity.js';
import { RefusalCaseOrder, type RefusalCaseFilter } from './refusal-case.filter.js';
import { caseScope } from './refusal-case.service.js';

export const MAX_PAGE_SIZE = 100;

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

const ORDERS: Record<RefusalCaseOrder, Record<string, 'asc' | 'desc'>> = {
  REFUSAL_DATE_DESC: { refusalDate: 'desc', id: 'desc' },
  REFUSAL_DATE_ASC: { refusalDate: 'asc', id: 'asc' },
  REGISTERED_DESC: { createdAt: 'desc', id: 'desc' },
  REGISTERED_ASC: { createdAt: 'asc', id: 'asc' },
};


function idCondition(field: string, id: string | undefined | null): FilterQuery<RefusalCase> {
  if (!id) return {};
  // An id that cannot exist matches nothing rather than failing the query.
  return { [field]: isUuid(id) ? id : '00000000-0000-0000-0000-000000000000' } as FilterQuery<RefusalCase>;
}

/** Translates the API filter into conditions; the organisation scope is always added on top. */
export function caseConditions(viewer: Viewer, filter: RefusalCaseFilter = {}): FilterQuery<RefusalCase> {
  const conditions: FilterQuery<RefusalCase>[] = [caseScope(viewer) as FilterQuery<RefusalCase>];
  if (filter.states?.length) conditions.push({ state: { $in: filter.states } });
  conditions.push(idCondition('smo', filter.smoId), idCondition('mo', filter.moId), idCondition('bureau', filter.bureauId));
  if (filter.refusalDateFrom) conditions.push({ refusalDate: { $gte: filter.refusalDateFrom } });
  if (filter.refusalDateTo) conditions.push({ refusalDate: { $lte: filter.refusalDateTo } });
  if (filter.quarter) {
    const { from, to } = quarterBounds(filter.quarter.year, filter.quarter.quarter);
    conditions.push({ refusalDate: { $gte: from, $lte: to } });
  }
  const diagnosis = filter.diagnosis?.trim().toUpperCase();
  if (diagnosis) conditions.push({ mainDiagnosis: { $like: `${escapeLike(diagnosis)}%` } });
  const enp = filter.enp?.trim();
  if (enp) conditions.push({ person: { enp } });
  const words = (filter.search ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
  if (words.length) {
    // Each word of the query is the beginning of a word of the case (surname, number, remarks).
    const query = words.map((word) => `${word}:*`).join(' & ');
    conditions.push({ [raw((alias: string) => `${alias}.search_vector @@ to_tsquery('simple', ?)`, [query])]: [] } as FilterQuery<RefusalCase>);
  }
  return { $and: conditions.filter((c) => Object.keys(c).length > 0) };
}

export interface CasePageRequest {
  filter?: RefusalCaseFilter | null;
  first: number;
  after?: string | null;
  orderBy?: RefusalCaseOrder | null;
}

export async function findCasePage(em: EntityManager, viewer: Viewer, request: CasePageRequest) {
  if (!Number.isInteger(request.first) || request.first < 1 || request.first > MAX_PAGE_SIZE) {
    throw badInput(`first: от 1 до ${MAX_PAGE_SIZE}`);
  }
  const orderBy = ORDERS[request.orderBy ?? RefusalCaseOrder.REFUSAL_DATE_DESC];
  if (request.after) {
    try {
      Cursor.decode(request.after);
    } catch {
      throw badInput('after: неверный курсор');
    }
  }
  // The total is counted beside the page and its nested loads rather than before them: a broad
  // search spends most of its time counting. Conditions are built twice (raw fragments serve one query).
  const totalCount = em.fork().count(RefusalCase, caseConditions(viewer, request.filter ?? {}));
  totalCount.catch(() => undefined); // reported where the field is resolved, never as an unhandled rejection
  const cursor = await em.findByCursor(RefusalCase, caseConditions(viewer, request.filter ?? {}), {
    first: request.first,
    after: request.after ?? undefined,
    orderBy: orderBy as never,
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
    totalCount,
  };
}
