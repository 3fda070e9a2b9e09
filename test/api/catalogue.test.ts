import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueVersionsDocument, DefectCodesDocument, ImportCatalogueDocument } from '../../client/generated/graphql.js';
import { SEED_CATALOGUE } from '../../server/modules/catalogue/catalogue.service.js';
import { createOrganisation, createUserAndLogin } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { GROUP_CODES, JOINED_TEXTS, SEED_CODES } from '../fixtures/seed-catalogue-expected.js';

const seed = readFileSync(new URL('../../data/catalogues/defect-codes-tariff-appendix-46.md', import.meta.url), 'utf8');

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = (await createUserAndLogin(server, 'MO_COMMISSION', (await createOrganisation(server, 'MO')).id)).token;
});
afterAll(() => server?.stop());

const tableCounts = async () => {
  const [row] = await server.sql<{ versions: string; codes: string }>(
    'select (select count(*) from catalogue_version) as versions, (select count(*) from defect_code) as codes',
  );
  return { versions: Number(row.versions), codes: Number(row.codes) };
};

describe('the seed catalogue imported at start', () => {
  it('is one version with the seed name and date', async () => {
    const { catalogueVersions } = await server.ok(CatalogueVersionsDocument, {}, token);
    expect(catalogueVersions).toEqual([
      expect.objectContaining({
        name: SEED_CATALOGUE.name,
        effectiveFrom: SEED_CATALOGUE.effectiveFrom,
        sourceDocument: 'defect-codes-tariff-appendix-46.md',
        codeCount: SEED_CODES.length,
      }),
    ]);
  });

  it('defectCodes returns every code with the coefficients printed in the seed, empty cells as null', async () => {
    const { defectCodes } = await server.ok(DefectCodesDocument, {}, token);
    expect(defectCodes.map((c) => [c.code, c.nonPaymentCoefficient, c.fineCoefficient])).toEqual(SEED_CODES);
    expect(defectCodes.filter((c) => !c.assignable).map((c) => c.code)).toEqual(GROUP_CODES);
    const byCode = new Map(defectCodes.map((c) => [c.code, c]));
    for (const [code, text] of Object.entries(JOINED_TEXTS)) expect(byCode.get(code)?.text).toBe(text);
    expect(byCode.get('3.2.1')).toMatchObject({ section: 3, parentCode: '3.2', sectionName: 'Экспертиза качества медицинской помощи (ЭКМП)' });
  });

  it('searches by code prefix, by words of the text, and by section', async () => {
    const byCode = await server.ok(DefectCodesDocument, { search: '3.2.' }, token);
    expect(byCode.defectCodes.map((c) => c.code)).toEqual(['3.2', '3.2.1', '3.2.2', '3.2.3', '3.2.4', '3.2.5', '3.2.6']);
    const byWords = await server.ok(DefectCodesDocument, { search: 'ЛЕТАЛЬНОМУ исходу', section: 3 }, token);
    expect(byWords.defectCodes.map((c) => c.code)).toEqual(['3.1.5', '3.2.4', '3.14.3', '3.15.3']);
    const assignableMee = await server.ok(DefectCodesDocument, { section: 2, assignableOnly: true }, token);
    expect(assignableMee.defectCodes.map((c) => c.code)).not.toContain('2.16');
    expect(assignableMee.defectCodes.every((c) => c.section === 2)).toBe(true);
  });
});

describe('importing catalogue versions', () => {
  it('re-importing the same version changes nothing', async () => {
    const before = await tableCounts();
    const { importCatalogue } = await server.ok(
      ImportCatalogueDocument,
      { input: { name: SEED_CATALOGUE.name, effectiveFrom: SEED_CATALOGUE.effectiveFrom, sourceDocument: 'again.md', content: seed } },
      server.adminToken,
    );
    expect(importCatalogue.errors).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  });

  it('imports a new version beside the old one; search defaults to the one in force today', async () => {
    const amended = seed.replace(
      '| 3.2.1. | не повлиявшее на состояние здоровья застрахованного лица; | 0,1 | 0 |',
      '| 3.2.1. | не повлиявшее на состояние здоровья застрахованного лица; | 0,2 | 0 |',
    );
    const { importCatalogue } = await server.ok(
      ImportCatalogueDocument,
      { input: { name: 'Доп. соглашение № 2', effectiveFrom: '2024-01-01', sourceDocument: 'amended.md', content: amended } },
      server.adminToken,
    );
    expect(importCatalogue.result?.codeCount).toBe(SEED_CODES.length);
    const current = await server.ok(DefectCodesDocument, { search: '3.2.1' }, token);
    expect(current.defectCodes.map((c) => c.nonPaymentCoefficient)).toEqual(['0.2']);
    const versions = (await server.ok(CatalogueVersionsDocument, {}, token)).catalogueVersions;
    const seedVersion = versions.find((v) => v.effectiveFrom === SEED_CATALOGUE.effectiveFrom)!;
    const old = await server.ok(DefectCodesDocument, { search: '3.2.1', catalogueVersionId: seedVersion.id }, token);
    expect(old.defectCodes.map((c) => c.nonPaymentCoefficient)).toEqual(['0.1']);
  });

  it('refuses a malformed file with its line number and writes nothing', async () => {
    const before = await tableCounts();
    const lines = seed.split('\n');
    const badLine = lines.findIndex((l) => l.startsWith('| 2.13. |'));
    lines[badLine] = lines[badLine].replace('| 0,1 | 0 |', '| 0,1 | ноль |');
    const { importCatalogue } = await server.ok(
      ImportCatalogueDocument,
      { input: { name: 'Испорченный файл', effectiveFrom: '2025-01-01', sourceDocument: 'bad.md', content: lines.join('\n') } },
      server.adminToken,
    );
    expect(importCatalogue.result).toBeNull();
    expect(importCatalogue.errors[0]).toMatchObject({ field: 'content', code: 'INVALID' });
    expect(importCatalogue.errors[0].message).toContain(`строка ${badLine + 1}`);
    expect(await tableCounts()).toEqual(before);
  });

  it('only administrators import', async () => {
    const response = await server.gql(
      ImportCatalogueDocument,
      { input: { name: 'x', effectiveFrom: '2025-01-01', sourceDocument: 'x.md', content: seed } },
      token,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

/** The seed's table as a Word document, as the fund publishes the appendix: section titles in one merged cell across the table. */
async function seedAsDocx(): Promise<string> {
  const rows = seed
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]*$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  const cell = (text: string, columnSpan = 1) => new TableCell({ columnSpan, children: [new Paragraph({ children: [new TextRun(text)] })] });
  const table = new Table({
    rows: rows.map(
      (cells) =>
        new TableRow({
          children: cells[0].startsWith('Раздел') && cells.slice(1).every((c) => c === '') ? [cell(cells[0], 4)] : cells.map((c) => cell(c)),
        }),
    ),
  });
  const document = new Document({ sections: [{ children: [new Paragraph('Приложение № 46 к Тарифному соглашению'), table] }] });
  return (await Packer.toBuffer(document)).toString('base64');
}

/** A DOCX-shaped zip whose document part inflates to this many bytes from a few kilobytes. */
async function documentPartOf(bytes: number): Promise<string> {
  const zip = new JSZip();
  zip.file('word/document.xml', ' '.repeat(bytes));
  return (await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })).toString('base64');
}

describe('the appendix as published in Word', () => {
  it('imports from its DOCX table with the same codes and coefficients as the Markdown copy', async () => {
    const { importCatalogue } = await server.ok(
      ImportCatalogueDocument,
      { input: { name: 'Приложение 46 (DOCX)', effectiveFrom: '2031-01-01', sourceDocument: 'prilozhenie-46.docx', contentBase64: await seedAsDocx() } },
      server.adminToken,
    );
    expect(importCatalogue.errors).toEqual([]);
    expect(importCatalogue.result!.codeCount).toBe(SEED_CODES.length);
    const versions = (await server.ok(CatalogueVersionsDocument, {}, token)).catalogueVersions;
    const codesOf = async (catalogueVersionId: string) =>
      (await server.ok(DefectCodesDocument, { catalogueVersionId }, token)).defectCodes.map((c) => [
        c.code,
        c.text,
        c.nonPaymentCoefficient,
        c.fineCoefficient,
      ]);
    const fromWord = await codesOf(importCatalogue.result!.id);
    const fromMarkdown = await codesOf(versions.find((v) => v.name === SEED_CATALOGUE.name)!.id);
    expect(fromWord).toEqual(fromMarkdown);
  });

  it('refuses a file that is not the appendix, at the file, and writes nothing', async () => {
    const before = await tableCounts();
    const noTable = (await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Письмо без таблицы')] }] }))).toString('base64');
    const attempts = [
      [{ contentBase64: Buffer.from('not a zip at all').toString('base64') }, 'файл не DOCX'],
      [{ contentBase64: noTable }, 'в документе нет таблицы перечня'],
      [{ contentBase64: await documentPartOf(21 * 1024 * 1024) }, 'документ Word больше 20 МБ'],
      [{ content: seed, contentBase64: noTable }, 'Приложите один файл перечня'],
      [{}, 'Приложите один файл перечня'],
    ] as const;
    for (const [file, reason] of attempts) {
      const { importCatalogue } = await server.ok(
        ImportCatalogueDocument,
        { input: { name: 'Неверный файл', effectiveFrom: '2032-01-01', sourceDocument: 'x.docx', ...file } },
        server.adminToken,
      );
      expect(importCatalogue.errors).toEqual([expect.objectContaining({ field: 'content', message: expect.stringContaining(reason) })]);
    }
    expect(await tableCounts()).toEqual(before);
  });
});
