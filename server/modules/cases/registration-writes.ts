import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { execute } from '../../db/sql.js';
import { newCasesWrite, type NewCase, type NewCases } from './new-cases.write.js';

/**
 * What the registrations written together share: the SMO, the expert, the review's due date and the
 * year their numbers are taken in (each request's own day, whichever request's write carries them).
 */
export type RegistrationGroup = Pick<NewCases, 'smoId' | 'actorId' | 'reviewDueOn'> & { year: number };

type CaseRow = Record<string, unknown>;

interface Waiting {
  em: EntityManager;
  newCase: NewCase;
  written: (row: CaseRow) => void;
  failed: (error: unknown) => void;
}

/** A bound on one write, so that one statement stays small whatever the queue. */
const MOST_CASES_IN_ONE_WRITE = 50;

/**
 * Group commit for registrations. The year's case numbers are gap-free, so each write takes them
 * under the counter row's lock and holds it to its commit: registrations pass that lock one at a
 * time, each waiting for the previous one's statement and WAL flush. Registrations of one expert
 * that arrive while a write of theirs is in flight therefore wait for it and go into the next write
 * together — one lock, one statement, one flush for all of them. Alone, a registration is written at
 * once, as before. One process, one instance (the server's services).
 */
export class RegistrationWrites {
  private readonly queues = new Map<string, Waiting[]>();

  /** Writes the case (taking its number) and answers its row. */
  write(em: EntityManager, group: RegistrationGroup, newCase: NewCase): Promise<CaseRow> {
    const key = JSON.stringify([group.smoId, group.actorId, group.reviewDueOn, group.year]);
    return new Promise((written, failed) => {
      const waiting: Waiting = { em, newCase, written, failed };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(waiting);
        return;
      }
      const started = [waiting];
      this.queues.set(key, started);
      void this.drain(key, group, started);
    });
  }

  private async drain(key: string, group: RegistrationGroup, queue: Waiting[]): Promise<void> {
    while (queue.length > 0) await writeTogether(group, queue.splice(0, MOST_CASES_IN_ONE_WRITE));
    this.queues.delete(key);
  }
}

async function writeTogether(group: RegistrationGroup, waiting: Waiting[]): Promise<void> {
  try {
    const { year, ...shared } = group;
    const write = newCasesWrite({ ...shared, numbers: { year }, cases: waiting.map((w) => w.newCase) });
    const rows = new Map((await execute<CaseRow>(waiting[0].em, write)).map((row) => [row.id, row]));
    for (const w of waiting) w.written(rows.get(w.newCase.id)!);
  } catch (error) {
    // One registration's conflict (a concurrent twin, a duplicate refusal) must not fail the others:
    // the statement wrote nothing, so each is written alone, to an outcome of its own. Any other
    // failure (a timeout, a lost connection) would recur: everyone is told.
    if (waiting.length === 1 || !(error instanceof UniqueConstraintViolationException)) {
      for (const w of waiting) w.failed(error);
      return;
    }
    for (const w of waiting) await writeTogether(group, [w]);
  }
}
