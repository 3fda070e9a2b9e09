import DataLoader from 'dataloader';
import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Per-request batch loaders by primary key: every lookup made while one level of a GraphQL
 * response resolves is served by a single `where id in (...)` query.
 */
export class Loaders {
  private readonly byEntity = new Map<unknown, DataLoader<string, unknown>>();

  constructor(private readonly em: EntityManager) {}

  byId<T extends { id: string }>(entity: EntityName<T>): DataLoader<string, T | null> {
    let loader = this.byEntity.get(entity) as DataLoader<string, T | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T | null>(async (ids) => {
        const rows = (await this.em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
        const found = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => found.get(id) ?? null);
      });
      this.byEntity.set(entity, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}
