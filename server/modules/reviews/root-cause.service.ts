import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { UserErrorCode, domainError, notFound } from '../../shared/errors.js';
import { idSchema, text, validate } from '../../shared/validation.js';
import { RootCause } from './review.entity.js';

const createSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'Код: латинские заглавные буквы, цифры и _' }),
  name: text(300, 'Название причины'),
  requiresText: z.boolean(),
});

/** Administrators extend the list; a cause in use is retired (inactive), never deleted. */
export async function createRootCause(em: EntityManager, input: z.input<typeof createSchema>): Promise<RootCause> {
  const data = validate(createSchema, input);
  if (await em.count(RootCause, { code: data.code })) throw domainError('code', UserErrorCode.ALREADY_EXISTS, `Причина с кодом ${data.code} уже есть`);
  const position = ((await em.find(RootCause, {}, { orderBy: { position: 'desc' }, limit: 1 }))[0]?.position ?? 0) + 1;
  const cause = em.create(RootCause, { ...data, position });
  await em.flush();
  return cause;
}

export async function setRootCauseActive(em: EntityManager, id: string, active: boolean): Promise<RootCause> {
  const cause = await em.findOne(RootCause, { id: validate(idSchema('Причина'), id, 'id') });
  if (!cause) throw notFound('id', 'Причина');
  cause.active = active;
  await em.flush();
  return cause;
}
