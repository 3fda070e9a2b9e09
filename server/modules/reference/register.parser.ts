import { parse } from 'date-fns/parse';
import { format } from 'date-fns/format';
import { unstorableText } from '../../shared/storable-text.js';

/** A dictionary version's passport, as the register describes it. */
export interface RegisterPassport {
  oid: string;
  version: string;
  shortName: string;
  fullName: string;
  publishedOn: string;
  rowCount: number;
  fields: string[];
}

export type RegisterRow = Record<string, string | null>;

/** The columns Razbor looks rows up by, for the dictionaries it uses. */
export interface DictionaryColumns {
  key: string;
  parent?: string;
  code: string;
  name: string;
  /** 1 current, 0 retired; a dictionary without it has current rows only. */
  actual?: string;
  changedOn?: string;
}

export const ICD10_OID = '1.2.643.5.1.13.13.11.1005';
export const NMU_OID = '1.2.643.5.1.13.13.11.1070';
export const EXAMINATIONS_FOR_MSE_OID = '1.2.643.5.1.13.13.99.2.857';

export const DICTIONARY_COLUMNS: Record<string, DictionaryColumns> = {
  [ICD10_OID]: { key: 'ID', parent: 'ID_PARENT', code: 'MKB_CODE', name: 'MKB_NAME', actual: 'ACTUAL', changedOn: 'DATE' },
  [NMU_OID]: { key: 'ID', code: 'S_CODE', name: 'NAME', actual: 'REL', changedOn: 'DATEOUT' },
  // Its DATE is a validity period in free text, kept in the row's data only.
  [EXAMINATIONS_FOR_MSE_OID]: { key: 'ID', code: 'NMU_CODE', name: 'DESCRIPTION' },
};

/** A file the register did not write, or a dictionary Razbor does not use: said in Russian. */
export class RegisterFileError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A scalar of the register's JSON as text; anything else (an object, a list) as absent. */
const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

/** The register writes dates as «03.11.2023 12:48» or «07.04.2021». */
export function registerDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const day = value.trim().slice(0, 10);
  const parsed = parse(day, 'dd.MM.yyyy', new Date(2000, 0, 1));
  if (Number.isNaN(parsed.getTime())) throw new RegisterFileError(`Дата «${value}» не в формате ДД.ММ.ГГГГ`);
  return format(parsed, 'yyyy-MM-dd');
}

export function parsePassport(json: unknown): RegisterPassport {
  if (!isObject(json) || typeof json.oid !== 'string' || typeof json.version !== 'string' || !Array.isArray(json.fields)) {
    throw new RegisterFileError('Это не паспорт справочника ФНСИ: нет полей oid, version, fields');
  }
  if (!DICTIONARY_COLUMNS[json.oid]) throw new RegisterFileError(`Справочник ${json.oid} Razbor не использует`);
  const fields = (json.fields as unknown[]).map((f) => (isObject(f) ? (textOf(f.field) ?? '') : ''));
  const wanted = Object.values(DICTIONARY_COLUMNS[json.oid] as unknown as Record<string, string>);
  const missing = wanted.filter((column) => !fields.includes(column));
  if (missing.length) throw new RegisterFileError(`В паспорте справочника ${json.oid} нет полей: ${missing.join(', ')}`);
  const publishedOn = registerDate(textOf(json.publishDate));
  if (!publishedOn) throw new RegisterFileError('В паспорте нет даты публикации (publishDate)');
  return {
    oid: json.oid,
    version: json.version,
    shortName: textOf(json.shortName) ?? json.oid,
    fullName: textOf(json.fullName) ?? textOf(json.shortName) ?? json.oid,
    publishedOn,
    rowCount: Number(json.rowsCount),
    fields,
  };
}

/** Rows as the register serves them: `{ result, total, list: [[{ column, value }…]…] }`, or the list alone. */
export function parseRows(json: unknown, passport: RegisterPassport): RegisterRow[] {
  const list = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.list) ? json.list : null;
  if (!list) throw new RegisterFileError('Это не записи справочника ФНСИ: нет списка list');
  const rows = list.map((row, i) => {
    if (!Array.isArray(row)) throw new RegisterFileError(`Запись ${i + 1}: ожидался список пар column/value`);
    const fields: Array<[string, string | null]> = (row as unknown[]).map((pair) =>
      isObject(pair) ? [textOf(pair.column) ?? '', textOf(pair.value)] : ['', null],
    );
    for (const [column, value] of fields) {
      const unstorable = value === null ? null : unstorableText(value);
      if (unstorable) throw new RegisterFileError(`Запись ${i + 1}, поле ${column}: ${unstorable}`);
    }
    return Object.fromEntries(fields);
  });
  if (Number.isFinite(passport.rowCount) && rows.length !== passport.rowCount) {
    throw new RegisterFileError(
      `В файле ${rows.length} записей, а в паспорте версии ${passport.version} — ${passport.rowCount}: файл неполный или от другой версии`,
    );
  }
  return rows;
}
