import type { EntityManager } from '@mikro-orm/postgresql';
import { RootCause } from './review.entity.js';

/** The starting list of root causes; administrators extend it. Codes are stable identifiers. */
export const ROOT_CAUSES: Array<{ code: string; name: string; requiresText?: boolean }> = [
  { code: 'NOT_PRESCRIBED', name: 'Обследование не назначено' },
  { code: 'NO_EQUIPMENT', name: 'Назначено, но не проведено: нет оборудования или специалиста' },
  { code: 'WAITING_LIST', name: 'Назначено, но не проведено: очередь ожидания' },
  { code: 'PATIENT_DECLINED', name: 'Назначено, но не проведено: пациент отказался' },
  { code: 'RESULTS_OUTDATED', name: 'Результаты обследования устарели' },
  { code: 'RESULTS_NOT_ENTERED', name: 'Результаты не внесены в направление (форма 088/у)' },
  { code: 'REFERRAL_ERROR', name: 'Ошибка в оформлении направления' },
  { code: 'OTHER', name: 'Другое', requiresText: true },
];

export async function seedRootCauses(em: EntityManager): Promise<number> {
  const existing = new Set((await em.find(RootCause, {})).map((c) => c.code));
  const missing = ROOT_CAUSES.map((c, i) => ({ ...c, position: i + 1 })).filter((c) => !existing.has(c.code));
  for (const cause of missing) em.create(RootCause, { ...cause, requiresText: cause.requiresText ?? false });
  await em.flush();
  return missing.length;
}
