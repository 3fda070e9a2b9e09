import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOrganisationDocument, OrganisationDocument, OrganisationsDocument, UpdateOrganisationDocument } from '../../client/generated/graphql.js';
import { createOrganisation, createUserAndLogin, validOgrn } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let expertToken: string;
beforeAll(async () => {
  server = await startTestServer();
  expertToken = (await createUserAndLogin(server, 'SMO_EXPERT', (await createOrganisation(server, 'SMO')).id)).token;
});
afterAll(() => server?.stop());

const input = (ogrn: string) => ({
  kind: 'MO' as const,
  fullName: 'ГБУЗ «Тестовая больница»',
  shortName: 'Тестовая больница',
  ogrn,
  region: 'Республика Северная Осетия-Алания',
});

const countByOgrn = async (ogrn: string) => Number((await server.sql<{ n: string }>('select count(*) as n from organisation where ogrn = $1', [ogrn]))[0].n);

describe('ОГРН checksum', () => {
  it('accepts a valid ОГРН', async () => {
    const { createOrganisation } = await server.ok(CreateOrganisationDocument, { input: input('1027700132195') }, server.adminToken);
    expect(createOrganisation.errors).toEqual([]);
    expect(createOrganisation.result).toMatchObject({ ogrn: '1027700132195', kind: 'MO', active: true, version: 1 });
  });

  it('refuses a wrong check digit, names the field, and writes nothing', async () => {
    const { createOrganisation } = await server.ok(CreateOrganisationDocument, { input: input('1027700132196') }, server.adminToken);
    expect(createOrganisation.result).toBeNull();
    expect(createOrganisation.errors).toEqual([{ field: 'ogrn', code: 'INVALID_CHECKSUM', message: 'Неверная контрольная цифра ОГРН (ОГРНИП)' }]);
    expect(await countByOgrn('1027700132196')).toBe(0);
  });

  it("keeps the fund's registry code, one organisation of a kind per code", async () => {
    const first = await server.ok(CreateOrganisationDocument, { input: { ...input(validOgrn()), registryCode: '150042' } }, server.adminToken);
    expect(first.createOrganisation.errors).toEqual([]);
    expect(first.createOrganisation.result).toMatchObject({ registryCode: '150042' });
    const twin = await server.ok(CreateOrganisationDocument, { input: { ...input(validOgrn()), registryCode: '150042' } }, server.adminToken);
    expect(twin.createOrganisation.errors).toEqual([expect.objectContaining({ field: 'registryCode', code: 'ALREADY_EXISTS' })]);
    const smo = await server.ok(CreateOrganisationDocument, { input: { ...input(validOgrn()), kind: 'SMO', registryCode: '150042' } }, server.adminToken);
    expect(smo.createOrganisation.errors).toEqual([]);
    const bad = await server.ok(CreateOrganisationDocument, { input: { ...input(validOgrn()), registryCode: '15 00%' } }, server.adminToken);
    expect(bad.createOrganisation.errors).toEqual([expect.objectContaining({ field: 'registryCode', code: 'INVALID' })]);
  });

  it('takes an MO that is an individual entrepreneur by its ОГРНИП, and refuses one with a wrong check digit', async () => {
    const taken = await server.ok(CreateOrganisationDocument, { input: input('335435155595421') }, server.adminToken);
    expect(taken.createOrganisation.errors).toEqual([]);
    expect(taken.createOrganisation.result).toMatchObject({ ogrn: '335435155595421' });
    const refused = await server.ok(CreateOrganisationDocument, { input: input('335435155595425') }, server.adminToken);
    expect(refused.createOrganisation.errors).toEqual([expect.objectContaining({ field: 'ogrn', code: 'INVALID_CHECKSUM' })]);
  });

  it('refuses a malformed ОГРН and a duplicate one', async () => {
    const malformed = await server.ok(CreateOrganisationDocument, { input: input('12345') }, server.adminToken);
    expect(malformed.createOrganisation.errors[0]).toMatchObject({ field: 'ogrn', code: 'INVALID' });
    const ogrn = validOgrn();
    await server.ok(CreateOrganisationDocument, { input: input(ogrn) }, server.adminToken);
    const duplicate = await server.ok(CreateOrganisationDocument, { input: input(ogrn) }, server.adminToken);
    expect(duplicate.createOrganisation.errors[0]).toMatchObject({ field: 'ogrn', code: 'ALREADY_EXISTS' });
    expect(await countByOgrn(ogrn)).toBe(1);
  });

  it('reports every invalid field at once', async () => {
    const { createOrganisation } = await server.ok(
      CreateOrganisationDocument,
      { input: { ...input('1027700132196'), fullName: '   ', region: '' } },
      server.adminToken,
    );
    expect(createOrganisation.errors.map((e) => e.field).sort()).toEqual(['fullName', 'ogrn', 'region']);
  });
});

describe('who may change organisations', () => {
  it('refuses a non-administrator with FORBIDDEN and writes nothing', async () => {
    const ogrn = validOgrn();
    const response = await server.gql(CreateOrganisationDocument, { input: input(ogrn) }, expertToken);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countByOgrn(ogrn)).toBe(0);
  });

  it('lets every signed-in user read the directory, filtered by kind', async () => {
    const bureau = await createOrganisation(server, 'MSE_BUREAU');
    const { organisations } = await server.ok(OrganisationsDocument, { kind: 'MSE_BUREAU' }, expertToken);
    expect(organisations.map((o) => o.id)).toContain(bureau.id);
    expect(organisations.every((o) => o.kind === 'MSE_BUREAU')).toBe(true);
    expect((await server.ok(OrganisationDocument, { id: bureau.id }, expertToken)).organisation?.shortName).toBe(bureau.shortName);
    expect((await server.ok(OrganisationDocument, { id: 'not-an-id' }, expertToken)).organisation).toBeNull();
  });
});

describe('editing with versions', () => {
  it('applies an edit of the current version and refuses a stale one without overwriting', async () => {
    const organisation = await createOrganisation(server, 'MO');
    const first = await server.ok(
      UpdateOrganisationDocument,
      { input: { id: organisation.id, version: organisation.version, shortName: 'Правка коллеги' } },
      server.adminToken,
    );
    expect(first.updateOrganisation.result).toMatchObject({ shortName: 'Правка коллеги', version: organisation.version + 1 });

    const stale = await server.ok(
      UpdateOrganisationDocument,
      { input: { id: organisation.id, version: organisation.version, shortName: 'Моя запоздалая правка' } },
      server.adminToken,
    );
    expect(stale.updateOrganisation.result).toBeNull();
    expect(stale.updateOrganisation.errors[0]).toMatchObject({ field: 'version', code: 'STALE_VERSION' });
    expect(stale.updateOrganisation.errors[0].message).toContain(`текущая версия ${organisation.version + 1}`);
    const [row] = await server.sql<{ short_name: string }>('select short_name from organisation where id = $1', [organisation.id]);
    expect(row.short_name).toBe('Правка коллеги');
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const { updateOrganisation } = await server.ok(
      UpdateOrganisationDocument,
      { input: { id: '00000000-0000-0000-0000-000000000000', version: 1, region: 'x' } },
      server.adminToken,
    );
    expect(updateOrganisation.errors[0]).toMatchObject({ field: 'id', code: 'NOT_FOUND' });
  });
});
