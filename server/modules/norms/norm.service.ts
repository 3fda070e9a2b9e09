import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { UserErrorCode, domainError } from '../../shared/errors.js';
import { MONEY } from '../../shared/money.js';
import { text, validate } from '../../shared/validation.js';
import { CARE_KIND_LABEL, CareKind } from './care-kind.js';
import { PerCapitaNorm } from './per-capita-norm.entity.js';

const normSchema = z
  .object({
    careKind: z.enum(CareKind),
    amount: z.string().trim().regex(MONEY, { message: 'Сумма: рубли с копейками, например 1234.56' }),
    validFrom: z.iso.date({ message: 'Дата начала: ГГГГ-ММ-ДД' }),
    validTo: z.iso
      .date({ message: 'Дата окончания: ГГГГ-ММ-ДД' })
      .nullish()
      .transform((v) => v ?? null),
    basis: text(500, 'Документ-основание'),
  })
  .refine((n) => !n.validTo || n.validTo >= n.validFrom, { path: ['validTo'], message: 'Дата окончания раньше даты начала' });

export type NormInput = z.input<typeof normSchema>;

const inForceOn = (day: string) => ({ validFrom: { $lte: day }, $or: [{ validTo: null }, { validTo: { $gte: day } }] });

export function listNorms(em: EntityManager, filter: { careKind?: CareKind | null; onDate?: string | null }) {
  return em.find(
    PerCapitaNorm,
    { ...(filter.careKind ? { careKind: filter.careKind } : {}), ...(filter.onDate ? inForceOn(filter.onDate) : {}) },
    { orderBy: { careKind: 'asc', validFrom: 'desc' } },
  );
}

/** The norm for a kind of care in force on a date; several kinds are read in one query. */
export async function normsInForce(em: EntityManager, careKinds: CareKind[], day: string): Promise<Map<CareKind, PerCapitaNorm>> {
  if (careKinds.length === 0) return new Map();
  const norms = await em.find(PerCapitaNorm, { careKind: { $in: careKinds }, ...inForceOn(day) }, { orderBy: { validFrom: 'asc' } });
  return new Map(norms.map((n) => [n.careKind, n]));
}

export async function createNorm(em: EntityManager, input: NormInput): Promise<PerCapitaNorm> {
  const data = validate(normSchema, input);
  const overlapping = await em.findOne(PerCapitaNorm, {
    careKind: data.careKind,
    validFrom: { $lte: data.validTo ?? '9999-12-31' },
    $or: [{ validTo: null }, { validTo: { $gte: data.validFrom } }],
  });
  if (overlapping) {
    throw domainError(
      'validFrom',
      UserErrorCode.ALREADY_EXISTS,
      `Период пересекается с нормативом «${CARE_KIND_LABEL[data.careKind]}», действующим с ${overlapping.validFrom}`,
    );
  }
  const norm = em.create(PerCapitaNorm, data);
  await em.flush();
  return norm;
}
