import { DriverException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, UserErrorCode, domainError } from '../shared/errors.js';
import type { Context } from './context.js';
import { failure, success, type PayloadShape } from './payload.js';

/** Failures the database reports for rules a service already checks, when a concurrent writer wins. */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof OptimisticLockError) {
    return domainError('version', UserErrorCode.STALE_VERSION, 'Запись уже изменена другим пользователем. Обновите данные.');
  }
  if (error instanceof UniqueConstraintViolationException) {
    return domainError(null, UserErrorCode.ALREADY_EXISTS, 'Такая запись уже существует');
  }
  // A guard of signed or submitted records refused a write a concurrent writer made stale: its
  // message is written for the user (migrations' razbor_guard_* functions).
  if (error instanceof DriverException && [(error as { sqlState?: string }).sqlState, (error as { code?: string }).code].includes('23000')) {
    const reason = error.message.split(' - ').pop() ?? '';
    return domainError(null, UserErrorCode.NOT_ALLOWED, /^[А-ЯЁ]/.test(reason) ? reason : 'Запись уже изменена другим пользователем. Обновите данные.');
  }
  return null;
}

export interface MutationOptions {
  /** Run once more after a unique-constraint failure: an idempotent mutation then finds its twin's result. */
  retryOnConflict?: boolean;
  /** The work writes with one statement, atomic by itself: no transaction (two round trips) around it. */
  singleStatement?: boolean;
}

/**
 * Runs one mutation in one transaction. A rule that fails rolls everything back and comes back
 * as `errors` in the payload; anything unexpected propagates to the error formatter.
 */
export async function runMutation<T>(ctx: Context, work: (em: EntityManager) => Promise<T>, options: MutationOptions = {}): Promise<PayloadShape<T>> {
  const em = ctx.em.fork();
  try {
    return success(await (options.singleStatement ? work(em) : em.transactional((tx) => work(tx))));
  } catch (error) {
    // An idempotent mutation that lost a race to a concurrent twin runs once more and finds its result.
    if (options.retryOnConflict && error instanceof UniqueConstraintViolationException) {
      return runMutation(ctx, work, { ...options, retryOnConflict: false });
    }
    return failureOf(error);
  }
}

/** An input's refusal becomes the payload's errors; a refusal of the caller, or anything unexpected, is thrown on. */
function failureOf<T>(error: unknown): PayloadShape<T> {
  const expected = asDomainError(error);
  if (expected && !expected.refusesCaller) return failure(expected);
  throw expected ?? error;
}

/** For a mutation that manages its own transaction: the same mapping of expected failures to payload errors. */
export async function runExpected<T>(work: () => Promise<T>): Promise<PayloadShape<T>> {
  try {
    return success(await work());
  } catch (error) {
    return failureOf(error);
  }
}
