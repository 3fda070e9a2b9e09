import DataLoader from 'dataloader';
import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Per-request batch loaders by primary key: every lookup made while one level of a GraphQL
 * response resolves is served by a single `where id in (...)` query.
 */
export class Loaders {
  private readonly byEntity = new Map<unknown, DataLoader<string, unknown>>();

  private readonly memos = new Map<string, Promise<unknown>>();

  constructor(private readonly em: EntityManager) {}

  /** One computation per request (reference data such as the working calendar). */
  memo<T>(key: string, compute: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.memos.has(key)) this.memos.set(key, compute(this.em));
    return this.memos.get(key) as Promise<T>;
  }

  /** A value computed for many keys at once by one function (a capability of each case on a page). */
  batched<V>(name: string, load: (em: EntityManager, keys: readonly string[]) => Promise<Map<string, V>>, missing: V): DataLoader<string, V> {
    let loader = this.byEntity.get(name) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(async (keys) => {
        const found = await load(this.em, keys);
        return keys.map((key) => found.get(key) ?? missing);
      });
      this.byEntity.set(name, loader);
    }
    return loader;
  }

  byId<T extends { id: string }>(entity: EntityName<T>): DataLoader<string, T | null> {
    let loader = this.byEntity.get(entity) as DataLoader<string, T | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T | null>(async (ids) => {
        const rows = (await this.em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
        const found = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => found.get(id) ?? null);
      });
      this.byEntity.set(entity, loader);
    }
    return loader;
  }

  /** Children of many parents at once, grouped by the parent's id (e.g. the history of each case on a page). */
  childrenOf<T extends object>(entity: EntityName<T>, parentField: string, orderBy: Record<string, 'asc' | 'desc'>): DataLoader<string, T[]> {
    const key = `${(entity as { name: string }).name}.${parentField}`;
    let loader = this.byEntity.get(key) as DataLoader<string, T[]> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T[]>(async (parentIds) => {
        const rows = (await this.em.find(entity, { [parentField]: { $in: [...parentIds] } } as never, {
          orderBy: orderBy as never,
        })) as T[];
        const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
        for (const row of rows) {
          const parent = (row as Record<string, { id: string } | string>)[parentField];
          groups.get(typeof parent === 'string' ? parent : parent.id)?.push(row);
        }
        return parentIds.map((id) => groups.get(id) ?? []);
      });
      this.byEntity.set(key, loader);
    }
    return loader;
  }
}
