import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { arrayLiteral, execute, sql, type Sql } from '../../db/sql.js';
import { DomainError, UserErrorCode } from '../../shared/errors.js';
import { validate } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';
import { latinNmuCode, NMU_CODE } from '../../shared/identifiers.js';
import { servicesOf } from './medical-services.js';

/** Texts that differ only in case, spaces or «ё» are one text. */
export const examinationTextKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/ё/g, 'е');

/** `examinationTextKey` in SQL (the embedded cluster's builtin C.UTF-8 locale folds Cyrillic case). */
export const examinationTextKeySql = (text: Sql): Sql => ({
  sql: `translate(regexp_replace(lower(btrim(${text.sql})), '\\s+', ' ', 'g'), 'ё', 'е')`,
  params: text.params,
});

/** The НМУ codes administrators gave to these texts, by text key. */
export async function mappedTexts(em: EntityManager, texts: string[]): Promise<Map<string, string>> {
  const keys = [...new Set(texts.map(examinationTextKey))];
  if (keys.length === 0) return new Map();
  const rows = await execute<{ text_key: string; nmu_code: string }>(
    em,
    sql`select text_key, nmu_code from examination_text_code where text_key = any(${arrayLiteral(keys)}::text[])`,
  );
  return new Map(rows.map((r) => [r.text_key, r.nmu_code]));
}

/** A free-text examination an administrator has mapped becomes that service; anything else stays as it is. */
export function withMappedCode<T extends { name?: string | null; nmuCode?: string | null; namedByBureau: boolean }>(item: T, mapped: Map<string, string>): T {
  const code = !item.nmuCode && item.name ? mapped.get(examinationTextKey(item.name)) : undefined;
  return code ? { ...item, nmuCode: code } : item;
}

export interface UncodedText {
  text: string;
  textKey: string;
  occurrences: number;
  cases: number;
  mappedTo: string | null;
}

const ELEMENT_NAME: Sql = { sql: "e.item->>'name'", params: [] };

/** Free-text missing examinations of all cases, most frequent first, with the code already given to each text. */
export async function uncodedExaminationTexts(em: EntityManager, first: number): Promise<UncodedText[]> {
  return execute<UncodedText>(
    em,
    sql`select min(e.item->>'name') as text, k.key as "textKey", count(*)::int as occurrences, count(distinct c.id)::int as cases,
               min(m.nmu_code) as "mappedTo"
          from refusal_case c
          cross join lateral jsonb_array_elements(c.missing_examinations) as e(item)
          cross join lateral (select ${examinationTextKeySql(ELEMENT_NAME)} as key) k
          left join examination_text_code m on m.text_key = k.key
         where e.item->>'nmuCode' is null
         group by k.key
         order by count(*) desc, k.key
         limit ${Math.min(Math.max(first, 1), 500)}`,
  );
}

const mappingSchema = z.object({
  mappings: z
    .array(
      z.object({
        text: z.string().trim().min(1, { message: 'Укажите текст' }).max(300),
        nmuCode: z
          .string()
          .transform(latinNmuCode)
          .refine((v) => NMU_CODE.test(v), { message: 'Код НМУ: например A05.10.006' }),
      }),
    )
    .min(1, { message: 'Укажите хотя бы одно сопоставление' })
    .max(500),
});

/**
 * Records each text's НМУ code and codes every case's free-text examinations with that text in one
 * statement: the name becomes the НМУ's, the text typed is kept beside it, the case's version moves
 * (an edit opened before is refused, not merged) and its history says what changed.
 */
export async function mapExaminationTexts(em: EntityManager, viewer: Viewer, input: unknown): Promise<number> {
  const { mappings } = validate(mappingSchema, input);
  const known = await servicesOf(em, [...new Set(mappings.map((m) => m.nmuCode))]);
  const errors = mappings.flatMap((m, i) => {
    const service = known?.get(m.nmuCode);
    if (!service)
      return [{ field: `mappings.${i}.nmuCode`, code: UserErrorCode.NOT_FOUND, message: `Услуги ${m.nmuCode} нет в номенклатуре медицинских услуг` }];
    if (!service.actual) return [{ field: `mappings.${i}.nmuCode`, code: UserErrorCode.INVALID, message: `Услуга ${m.nmuCode} исключена из номенклатуры` }];
    return [];
  });
  if (errors.length) throw new DomainError(errors);
  const rows = mappings.map((m) => ({ key: examinationTextKey(m.text), code: m.nmuCode, name: known!.get(m.nmuCode)!.name }));
  const itemName: Sql = { sql: "t.item->>'name'", params: [] };
  const [result] = await execute<{ cases: number }>(
    em,
    sql`with m as (select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(key text, code text, name text)),
         saved as (
           insert into examination_text_code (text_key, nmu_code, mapped_by_id, mapped_at)
           select key, code, ${viewer.userId}, now() from m
           on conflict (text_key) do update set nmu_code = excluded.nmu_code, mapped_by_id = excluded.mapped_by_id, mapped_at = now()),
         coded as (
           select c.id, jsonb_agg(case when m.code is null then t.item
                                       else t.item || jsonb_build_object('nmuCode', m.code, 'name', m.name, 'enteredText', t.item->>'name') end
                                  order by t.ord) as items,
                  string_agg(format('«%s» → %s', t.item->>'name', m.code), '; ' order by t.ord) filter (where m.code is not null) as summary
             from refusal_case c
             cross join lateral jsonb_array_elements(c.missing_examinations) with ordinality as t(item, ord)
             left join m on t.item->>'nmuCode' is null and m.key = ${examinationTextKeySql(itemName)}
            group by c.id
           having count(m.code) > 0),
         touched as (
           update refusal_case c set missing_examinations = coded.items, version = c.version + 1, updated_at = now()
             from coded where c.id = coded.id returning c.id, coded.summary),
         logged as (
           insert into case_history (id, refusal_case_id, occurred_at, actor_id, kind, summary, changes)
           select gen_random_uuid(), id, clock_timestamp(), ${viewer.userId}, 'UPDATED', 'Недостающие обследования закодированы по НМУ: ' || summary, '[]'::jsonb
             from touched)
       select count(*)::int as cases from touched`,
  );
  return result.cases;
}
