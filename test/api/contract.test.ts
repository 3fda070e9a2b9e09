import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppOrm } from '../../server/app/orm.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumLabelsModule } from '../../server/graphql/enum-labels.js';
import { schemaSdl } from '../../server/app/schema.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const root = path.resolve(import.meta.dirname, '../..');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('the committed contract is current', () => {
  it('schema/schema.graphql is what the code emits (run `npm run generate`)', async () => {
    expect(readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8')).toBe(await schemaSdl());
  });

  it('client/generated is what codegen produces from the committed schema (run `npm run codegen`)', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'razbor-codegen-'));
    execFileSync(process.execPath, [path.join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.yml', '--silent'], {
      cwd: root,
      env: { ...process.env, RAZBOR_CODEGEN_OUT: `${out}/` },
      stdio: 'pipe',
    });
    const committed = path.join(root, 'client/generated');
    const files = readdirSync(committed).sort();
    expect(readdirSync(out).sort()).toEqual(files);
    for (const file of files) {
      expect(readFileSync(path.join(out, file), 'utf8'), file).toBe(readFileSync(path.join(committed, file), 'utf8'));
    }
  });

  it("the web client's enum labels are the committed schema's descriptions (run `npm run generate`)", () => {
    const committed = readFileSync(path.join(root, 'client/src/app/enum-labels.generated.ts'), 'utf8');
    expect(committed).toBe(enumLabelsModule(readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8')));
  });

  it('the migrations produce exactly the schema the entities describe', async () => {
    // As the owner: the API's role owns nothing and sees no constraints in information_schema.
    const owner = await openAppOrm({ databaseUrl: server.razbor.databaseUrl });
    try {
      const diff = await owner.schema.getUpdateSchemaSQL({ wrap: false, safe: false });
      expect(diff.trim()).toBe('');
    } finally {
      await owner.close();
    }
  });
});
