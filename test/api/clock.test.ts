import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RegisterRefusalCaseDocument } from '../../client/generated/graphql.js';
import { caseInput, twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;
beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
});
afterAll(() => server?.stop());
afterEach(() => vi.unstubAllEnvs());

describe('one "today"', () => {
  it('a pinned today decides what is in the future and the year of a case number', async () => {
    vi.stubEnv('RAZBOR_TODAY', '2024-06-15');
    const future = await server.ok(
      RegisterRefusalCaseDocument,
      { input: caseInput(world.parties, { referralDate: '2024-06-01', refusalDate: '2024-06-16' }) },
      world.tokens.expertA,
    );
    expect(future.registerRefusalCase.errors).toEqual([expect.objectContaining({ field: 'refusalDate', message: 'Дата отказа не может быть в будущем' })]);
    const onTime = await server.ok(
      RegisterRefusalCaseDocument,
      { input: caseInput(world.parties, { referralDate: '2024-06-01', refusalDate: '2024-06-15' }) },
      world.tokens.expertA,
    );
    expect(onTime.registerRefusalCase.result!.number).toMatch(/^МСЭ-2024-\d{6}$/);
  });

  it('no module computes today by itself: server/shared/clock.ts is the only source', () => {
    const root = path.resolve(import.meta.dirname, '../../server/modules');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? files(path.join(dir, name)) : [path.join(dir, name)]));
    const offenders = files(root).filter((file) =>
      /new Date\(\)\.(getFullYear|getUTCFullYear)\(\)|new Date\(\)\.toISOString\(\)\.slice\(0, 10\)/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
