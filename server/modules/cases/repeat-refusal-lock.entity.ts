import { Entity, PrimaryKey } from '@mikro-orm/core';

/**
 * One row per ЕНП ever registered, locked by the database while it marks that ЕНП's repeat refusals
 * (migration 20261204000000): two writers of one person's cases take turns, so neither misses the
 * other's case. Never written by the application.
 */
@Entity({ tableName: 'repeat_refusal_lock' })
export class RepeatRefusalLock {
  @PrimaryKey({ type: 'text' })
  enp!: string;
}
