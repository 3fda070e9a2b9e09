import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';

const WARNING = 'does not fold Cyrillic case';

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the database character type', () => {
  it('warns at start when the database cannot fold Cyrillic case (LC_CTYPE=C), where search would find no surname', async () => {
    const name = `razbor_ctype_c_${Date.now()}`;
    await admin(`create database ${name} template template0 encoding 'UTF8' locale_provider libc lc_collate 'C' lc_ctype 'C'`);
    const url = new URL(inject('pgAdminUrl'));
    url.pathname = `/${name}`;
    const lines: string[] = [];
    try {
      const server = await startTestServer({ DATABASE_URL: url.toString() }, { write: (line) => lines.push(line) });
      await server.stop();
      expect(lines.filter((line) => line.includes(WARNING))).toHaveLength(1);
    } finally {
      await admin(`drop database if exists ${name} with (force)`);
    }
  });

  it('says nothing on a database that folds it, as the embedded one does', async () => {
    const lines: string[] = [];
    const server = await startTestServer({}, { write: (line) => lines.push(line) });
    await server.stop();
    expect(lines.some((line) => line.includes('"msg"'))).toBe(true);
    expect(lines.some((line) => line.includes(WARNING))).toBe(false);
  });
});
