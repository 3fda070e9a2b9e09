import { createHash } from 'node:crypto';
import { newId } from '../../shared/ids.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { projectRoot } from '../../shared/project-root.js';
import { escapeLike, text, validate } from '../../shared/validation.js';
import { CatalogueVersion } from './catalogue-version.entity.js';
import { parseCatalogue } from './catalogue.parser.js';
import { DefectCode } from './defect-code.entity.js';
import { today } from '../../shared/clock.js';
import { catalogueTableFromDocx } from './catalogue-docx.js';
import { UserErrorCode, domainError } from '../../shared/errors.js';

export const SEED_CATALOGUE = {
  file: 'data/catalogues/defect-codes-tariff-appendix-46.md',
  name: 'Приложение № 46 к Тарифному соглашению в сфере ОМС Республики Северная Осетия-Алания (ред. доп. соглашения от 21.10.2022)',
  effectiveFrom: '2022-10-21',
};

export class CatalogueConflictError extends Error {
  constructor(name: string, effectiveFrom: string) {
    super(`Версия «${name}» от ${effectiveFrom} уже импортирована с другим содержимым`);
    this.name = 'CatalogueConflictError';
  }
}

const importSchema = z.object({
  name: text(500, 'Название версии'),
  effectiveFrom: z.iso.date({ message: 'Дата вступления в силу: ГГГГ-ММ-ДД' }),
  sourceDocument: text(500, 'Документ-источник'),
});

export interface CatalogueImport {
  name: string;
  effectiveFrom: string;
  sourceDocument: string;
  /** The table as Markdown … */
  content?: string | null;
  /** … or the appendix as published, a Word document. */
  contentBase64?: string | null;
}

/** The catalogue's table as Markdown, whichever form the administrator has it in. */
async function catalogueTable(input: CatalogueImport): Promise<string> {
  if (input.contentBase64 && !input.content) return catalogueTableFromDocx(Buffer.from(input.contentBase64, 'base64'));
  if (input.content && !input.contentBase64) return input.content;
  throw domainError('content', UserErrorCode.INVALID, 'Приложите один файл перечня: таблицу Markdown или документ Word (DOCX)');
}

/**
 * Imports one catalogue version. The whole file is parsed before anything is written, so a
 * malformed file writes nothing; the same version with the same content is a no-op.
 */
export async function importCatalogue(em: EntityManager, input: CatalogueImport): Promise<{ version: CatalogueVersion; created: boolean }> {
  const meta = validate(importSchema, input);
  const content = await catalogueTable(input);
  const contentHash = createHash('sha256').update(content).digest('hex');
  const existing = await em.findOne(CatalogueVersion, { name: meta.name, effectiveFrom: meta.effectiveFrom });
  if (existing) {
    if (existing.contentHash !== contentHash) throw new CatalogueConflictError(meta.name, meta.effectiveFrom);
    return { version: existing, created: false };
  }
  const codes = parseCatalogue(content);
  const version = em.create(CatalogueVersion, { ...meta, contentHash, codeCount: codes.length });
  await em.flush();
  await em.insertMany(
    DefectCode,
    codes.map(({ line: _line, ...code }) => ({ ...code, id: newId(), catalogueVersion: version.id })),
  );
  return { version, created: true };
}

export async function importSeedCatalogue(em: EntityManager) {
  const file = path.join(projectRoot(), SEED_CATALOGUE.file);
  return importCatalogue(em, {
    name: SEED_CATALOGUE.name,
    effectiveFrom: SEED_CATALOGUE.effectiveFrom,
    sourceDocument: path.basename(file),
    content: await readFile(file, 'utf8'),
  });
}

export function listCatalogueVersions(em: EntityManager): Promise<CatalogueVersion[]> {
  return em.find(CatalogueVersion, {}, { orderBy: { effectiveFrom: 'desc', importedAt: 'desc' } });
}

/** The version in force on a date: the latest that took effect on or before it. */
export async function catalogueVersionInForce(em: EntityManager, onDate: string): Promise<CatalogueVersion | null> {
  return em.findOne(CatalogueVersion, { effectiveFrom: { $lte: onDate } }, { orderBy: { effectiveFrom: 'desc', importedAt: 'desc' } });
}

export interface DefectCodeFilter {
  search?: string | null;
  section?: number | null;
  catalogueVersionId?: string | null;
  assignableOnly?: boolean | null;
}

/** Codes of one version (by default the one in force today), searched by code prefix or words of the text. */
export async function searchDefectCodes(em: EntityManager, filter: DefectCodeFilter): Promise<DefectCode[]> {
  const versionId = filter.catalogueVersionId ?? (await catalogueVersionInForce(em, today()))?.id;
  if (!versionId) return [];
  const words = (filter.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 10);
  const wordConditions = words.map((word) => {
    const pattern = escapeLike(word.replace(/\.$/, ''));
    return { $or: [{ code: { $like: `${pattern}%` } }, { text: { $ilike: `%${escapeLike(word)}%` } }] };
  });
  return em.find(
    DefectCode,
    {
      catalogueVersion: versionId,
      ...(filter.section ? { section: filter.section } : {}),
      ...(filter.assignableOnly ? { assignable: true } : {}),
      ...(wordConditions.length ? { $and: wordConditions } : {}),
    },
    { orderBy: { position: 'asc' } },
  );
}
