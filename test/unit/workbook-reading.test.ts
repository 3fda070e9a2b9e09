import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readCaseSheet } from '../../server/modules/cases/import/case-sheet.reader.js';

// Stored as Excel stores it: the sheets before the shared strings, the workbook part last.
const example = readFileSync(new URL('../fixtures/refusal-cases-example.xlsx', import.meta.url));

describe('reading an uploaded workbook', () => {
  it('reads the same rows every time from a workbook whose parts come in any order', async () => {
    const expected = await readCaseSheet('example.xlsx', example);
    expect(expected.length).toBeGreaterThan(1);
    expect(expected[0].cells.surname).toBe('Цаликова');
    // The streaming reader of exceljs lost a part now and then (exceljs#3064): about one reading
    // in a hundred of this very file was refused as unreadable, which three hundred readings catch.
    const differing: number[] = [];
    for (let reading = 0; reading < 300; reading++) {
      const rows = await readCaseSheet('example.xlsx', Buffer.from(example)).catch((error: Error) => error);
      if (JSON.stringify(rows) !== JSON.stringify(expected)) differing.push(reading);
    }
    expect(differing).toEqual([]);
    // The format is the name's extension, whatever its case or the spaces a client leaves around it.
    expect(await readCaseSheet('  Example.XLSX  ', example)).toEqual(expected);
  });

  it('reads the first tab as the workbook lists it, whatever file stores it', async () => {
    const zip = await JSZip.loadAsync(example);
    const [cases, instructions] = await Promise.all(
      ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'].map((name) => zip.file(name)!.async('nodebuffer')),
    );
    zip.file('xl/worksheets/sheet1.xml', instructions).file('xl/worksheets/sheet2.xml', cases);
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file(
      'xl/_rels/workbook.xml.rels',
      rels.replace('worksheets/sheet1.xml', 'worksheets/sheet#.xml').replace('worksheets/sheet2.xml', 'worksheets/sheet1.xml').replace('sheet#', 'sheet2'),
    );
    const swapped = await zip.generateAsync({ type: 'nodebuffer' });
    expect(await readCaseSheet('swapped.xlsx', swapped)).toEqual(await readCaseSheet('example.xlsx', example));
  });

  it('refuses, as unreadable, a workbook without its workbook part, one that lists no sheet, and one whose first sheet points outside the file', async () => {
    const variant = async (change: (zip: JSZip) => Promise<void>) => {
      const zip = await JSZip.loadAsync(example);
      await change(zip);
      return zip.generateAsync({ type: 'nodebuffer' });
    };
    const withRels = (target: string) => async (zip: JSZip) => {
      const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
      zip.file('xl/_rels/workbook.xml.rels', rels.replace('worksheets/sheet1.xml', target));
    };
    const files = [
      await variant(async (zip) => void zip.remove('xl/workbook.xml')),
      await variant(async (zip) => {
        const workbook = await zip.file('xl/workbook.xml')!.async('string');
        zip.file('xl/workbook.xml', workbook.replace(/<sheets>.*<\/sheets>/, '<sheets/>'));
      }),
      await variant(withRels('../../../../../../etc/passwd')),
      await variant(withRels('/etc/hostname')),
    ];
    for (const file of files) await expect(readCaseSheet('attack.xlsx', file)).rejects.toThrow('Файл не читается как книга Excel (XLSX)');
  });
});
