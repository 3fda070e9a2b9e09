import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { EntityManager } from '@mikro-orm/postgresql';
import { asColumns, insertRowsInBatches, raw, sql, type Sql } from '../../db/sql.js';
import { lockKeys } from '../../db/locks.js';
import { newId } from '../../shared/ids.js';
import { projectRoot } from '../../shared/project-root.js';
import { deriveExaminationRanges, deriveMissingExaminationRanges } from './examination-ranges.js';
import {
  DICTIONARY_COLUMNS,
  EXAMINATIONS_FOR_MSE_OID,
  ICD10_OID,
  NMU_OID,
  parsePassport,
  parseRows,
  registerDate,
  type RegisterPassport,
  type RegisterRow,
} from './register.parser.js';
import { RegisterVersion } from './register-version.entity.js';

function entryRow(versionId: string, passport: RegisterPassport, row: RegisterRow) {
  const columns = DICTIONARY_COLUMNS[passport.oid];
  return asColumns({
    id: newId(),
    versionId,
    rowKey: row[columns.key] ?? '',
    parentKey: columns.parent ? row[columns.parent] : null,
    code: row[columns.code]?.trim() || null,
    name: row[columns.name] ?? '',
    actual: columns.actual ? row[columns.actual] !== '0' : true,
    changedOn: columns.changedOn ? registerDate(row[columns.changedOn]) : null,
    data: row,
  });
}

/**
 * Loads one version of a dictionary beside the ones already loaded; the same version again
 * changes nothing (a version of the register never changes once published).
 */
export async function importRegisterVersion(
  em: EntityManager,
  passport: RegisterPassport,
  rows: RegisterRow[],
): Promise<{ version: RegisterVersion; created: boolean }> {
  // Two loads of one version at once (two administrators, two servers starting on a new database):
  // the second waits for the first and finds its version, rather than failing on the unique key.
  await lockKeys(em, `register-version:${passport.oid}:${passport.version}`);
  const existing = await em.findOne(RegisterVersion, { oid: passport.oid, version: passport.version });
  if (existing) return { version: existing, created: false };
  const version = em.create(RegisterVersion, {
    oid: passport.oid,
    version: passport.version,
    shortName: passport.shortName,
    fullName: passport.fullName,
    publishedOn: passport.publishedOn,
    rowCount: rows.length,
  });
  await em.flush();
  await insertRowsInBatches(
    em,
    'register_entry',
    rows.map((row) => entryRow(version.id, passport, row)),
  );
  if (passport.oid === EXAMINATIONS_FOR_MSE_OID) await deriveExaminationRanges(em, version.id);
  return { version, created: true };
}

/** A passport file and its rows file (JSON, or gzipped JSON), as the register's export gives them. */
export async function readRegisterFiles(passportFile: string, rowsFile: string): Promise<{ passport: RegisterPassport; rows: RegisterRow[] }> {
  const passport = parsePassport(JSON.parse(await readFile(passportFile, 'utf8')));
  const raw = await readFile(rowsFile);
  const text = rowsFile.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return { passport, rows: parseRows(JSON.parse(text), passport) };
}

/** The dictionaries Razbor ships (data/fnsi), loaded at the first start. */
const SHIPPED = [
  { oid: ICD10_OID, version: '2.24' },
  { oid: NMU_OID, version: '2.10' },
];

export async function importShippedDictionaries(em: EntityManager): Promise<string[]> {
  const loaded: string[] = [];
  for (const { oid, version } of SHIPPED) {
    if (await em.count(RegisterVersion, { oid, version })) continue;
    const base = path.join(projectRoot(), 'data/fnsi', `${oid}_${version}`);
    const files = await readRegisterFiles(`${base}_passport.json`, `${base}.json.gz`);
    await importRegisterVersion(em, files.passport, files.rows);
    loaded.push(`${files.passport.shortName} ${version}`);
  }
  await deriveMissingExaminationRanges(em);
  return loaded;
}

export function listRegisterVersions(em: EntityManager): Promise<RegisterVersion[]> {
  return em.find(RegisterVersion, {}, { orderBy: { shortName: 'asc', publishedOn: 'desc' } });
}

/** Whether a dictionary row's name holds these words as typed, whatever their case. */
export const nameContainsSql = (alias: string, words: string): Sql => sql`strpos(${raw(alias)}.name_folded, lower(${words})) > 0`;

/** The version of a dictionary in force: the one published last (then the one loaded last). */
export const currentVersionSql = (oid: string): Sql =>
  sql`(select id from register_version where oid = ${oid} order by published_on desc, imported_at desc limit 1)`;
