import ExcelJS from 'exceljs';
import { CASE_SHEET_COLUMNS } from '../modules/cases/import/case-sheet.layout.js';
import { enpCheckDigit } from '../shared/identifiers.js';

export interface LargeSheetOptions {
  rows: number;
  moOgrn: string;
  bureauOgrn: string;
  /** The first digit of every ЕНП: two files with different digits share no person. */
  series: number;
  /** ISO date of the first refusal; later rows are a day apart in cycles of a year. */
  firstRefusal: string;
}

const enpOf = (series: number, i: number) => {
  const first15 = `${series}${String(i).padStart(14, '0')}`;
  return `${first15}${enpCheckDigit(first15)}`;
};

const russianDate = (date: Date) => date.toISOString().slice(0, 10).split('-').reverse().join('.');

/**
 * A sheet of refusal cases as an SMO's expert would fill it, written as a stream (Excel's shared
 * strings, like a file saved by Excel): for the bench of a large import.
 */
export async function writeLargeCaseSheet(file: string, options: LargeSheetOptions): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('Случаи отказа');
  sheet.columns = CASE_SHEET_COLUMNS.map((column) => ({ header: column.header, key: column.key }));
  const first = new Date(`${options.firstRefusal}T00:00:00Z`).getTime();
  const day = 86_400_000;
  for (let i = 0; i < options.rows; i++) {
    const refusal = new Date(first + (i % 365) * day);
    sheet
      .addRow({
        enp: enpOf(options.series, i),
        snils: '',
        surname: ['Иванова', 'Петров', 'Сидорова', 'Кузнецов'][i % 4],
        name: ['Анна', 'Олег', 'Мария', 'Руслан'][i % 4],
        patronymic: 'Тестовна',
        birthDate: russianDate(new Date(Date.UTC(1940 + (i % 60), i % 12, 1 + (i % 28)))),
        sex: i % 2 ? 'М' : 'Ж',
        moOgrn: options.moOgrn,
        bureauOgrn: options.bureauOgrn,
        referralNumber: `088-${i}`,
        referralDate: russianDate(new Date(refusal.getTime() - 20 * day)),
        refusalDate: russianDate(refusal),
        refusalDocumentNumber: `ОТК-${i}`,
        mainDiagnosis: ['I63.5', 'E11.5', 'I69.3', 'C50.9'][i % 4],
        secondaryDiagnoses: i % 3 ? 'I10' : '',
        missingExaminations: ['ЭКГ*; Консультация кардиолога', 'МРТ головного мозга', 'Осмотр офтальмолога*'][i % 3],
        remarks: '',
      })
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}
