import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { ruDate } from '../../shared/dates.js';
import { UserErrorCode, domainError, notFound } from '../../shared/errors.js';
import { MONEY } from '../../shared/money.js';
import { isoDate, text, validate } from '../../shared/validation.js';
import { NormKind } from './norm-kind.entity.js';
import { PerCapitaNorm } from './per-capita-norm.entity.js';

const kindCode = (label: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-ZА-ЯЁ0-9_-]{1,30}$/, { message: `${label}: до 30 заглавных букв, цифр, «_» или «-», например СТАЦ` });

const normKindSchema = z.object({ code: kindCode('Код вида'), name: text(300, 'Наименование вида') });

const normSchema = z
  .object({
    normKindCode: kindCode('Вид норматива'),
    amount: z.string().trim().regex(MONEY, { message: 'Сумма: рубли с копейками, например 1234.56' }),
    validFrom: isoDate('Дата начала'),
    validTo: isoDate('Дата окончания')
      .nullish()
      .transform((v) => v ?? null),
    basis: text(500, 'Документ-основание'),
  })
  .refine((n) => !n.validTo || n.validTo >= n.validFrom, { path: ['validTo'], message: 'Дата окончания раньше даты начала' });

export type NormKindInput = z.input<typeof normKindSchema>;
export type NormInput = z.input<typeof normSchema>;

const inForceOn = (day: string) => ({ validFrom: { $lte: day }, $or: [{ validTo: null }, { validTo: { $gte: day } }] });
const isInForce = (norm: PerCapitaNorm, day: string) => norm.validFrom <= day && (norm.validTo === null || norm.validTo >= day);

/** The norm of a kind in force on a day, among norms already read. */
export const normInForce = (norms: PerCapitaNorm[], normKindId: string, day: string): PerCapitaNorm | undefined =>
  norms.find((n) => n.normKind.id === normKindId && isInForce(n, day));

export function listNormKinds(em: EntityManager): Promise<NormKind[]> {
  return em.find(NormKind, {}, { orderBy: { name: 'asc' } });
}

export async function createNormKind(em: EntityManager, input: NormKindInput): Promise<NormKind> {
  const data = validate(normKindSchema, input);
  if (await em.count(NormKind, { code: data.code })) throw domainError('code', UserErrorCode.ALREADY_EXISTS, `Вид норматива с кодом ${data.code} уже есть`);
  const kind = em.create(NormKind, data);
  await em.flush();
  return kind;
}

/** The kind a user named by its code; refused at `field` when there is none. */
export async function normKindByCode(em: EntityManager, code: string, field: string): Promise<NormKind> {
  const kind = await em.findOne(NormKind, { code: code.trim().toUpperCase() });
  if (!kind) throw notFound(field, `Вид норматива ${code}`);
  return kind;
}

export async function listNorms(em: EntityManager, filter: { normKindCode?: string | null; onDate?: string | null }) {
  return em.find(
    PerCapitaNorm,
    { ...(filter.normKindCode ? { normKind: { code: filter.normKindCode.trim().toUpperCase() } } : {}), ...(filter.onDate ? inForceOn(filter.onDate) : {}) },
    { orderBy: { normKind: { name: 'asc' }, validFrom: 'desc' } },
  );
}

/** A norm wanted for a kind on a day (the day its episode of care is priced by). */
export interface NormRequest {
  normKindId: string;
  day: string;
}

/** The norm in force for each request, read in one query; a request without one is absent from the map. */
export async function normsInForce(em: EntityManager, requests: NormRequest[]): Promise<Map<NormRequest, PerCapitaNorm>> {
  const kindIds = [...new Set(requests.map((r) => r.normKindId))];
  if (kindIds.length === 0) return new Map();
  const norms = await em.find(PerCapitaNorm, { normKind: { $in: kindIds } }, { populate: ['normKind'] });
  const found = new Map<NormRequest, PerCapitaNorm>();
  for (const request of requests) {
    const norm = normInForce(norms, request.normKindId, request.day);
    if (norm) found.set(request, norm);
  }
  return found;
}

export async function createNorm(em: EntityManager, input: NormInput): Promise<PerCapitaNorm> {
  const data = validate(normSchema, input);
  const normKind = await normKindByCode(em, data.normKindCode, 'normKindCode');
  const overlapping = await em.findOne(PerCapitaNorm, {
    normKind,
    validFrom: { $lte: data.validTo ?? '9999-12-31' },
    $or: [{ validTo: null }, { validTo: { $gte: data.validFrom } }],
  });
  if (overlapping) {
    throw domainError(
      'validFrom',
      UserErrorCode.ALREADY_EXISTS,
      `Период пересекается с нормативом «${normKind.name}», действующим с ${ruDate(overlapping.validFrom)}`,
    );
  }
  const norm = em.create(PerCapitaNorm, { normKind, amount: data.amount, validFrom: data.validFrom, validTo: data.validTo, basis: data.basis });
  await em.flush();
  return norm;
}
