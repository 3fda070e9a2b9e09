import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabaseIfMissing } from '../../server/db/create-database.js';

/**
 * An empty database of its own for a test file that migrates step by step (data written between
 * migrations), dropped after the file. Returns a getter of its URL, set once `beforeAll` ran.
 */
export function useScratchDatabase(prefix: string): () => string {
  const name = `${prefix}_${process.pid}`;
  let url = '';
  beforeAll(async () => {
    const admin = new URL(inject('pgAdminUrl'));
    await createDatabaseIfMissing(admin.toString(), name);
    admin.pathname = `/${name}`;
    url = admin.toString();
  });
  afterAll(async () => {
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  return () => url;
}
