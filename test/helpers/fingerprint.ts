import type { TestServer } from './server.js';

/** The tables a domain mutation writes (sign-in bookkeeping is left out: a refused login counts its attempt). */
export const DOMAIN_TABLES = [
  'refusal_case',
  'insured_person',
  'case_history',
  'organisation',
  'app_user',
  'expertise',
  'care_episode',
  'finding',
  'expertise_discussion',
  'expertise_appeal',
  'expertise_act_delivery',
  'commission_review',
  'corrective_action',
  'attachment',
  'case_comment',
  'improvement_plan',
  'plan_item',
  'plan_item_confirmation',
  'report_submission',
  'norm_kind',
  'per_capita_norm',
  'root_cause',
  'catalogue_version',
  'calendar_year',
] as const;

/**
 * What changes with any committed write to the tables, in one statement: each table's row count
 * and the newest writing transaction among its rows (`xmin` moves with every insert and update,
 * the count with every delete). A rolled-back transaction leaves both as they were, so equal
 * fingerprints before and after a refused mutation mean it left nothing behind; unlike hashing
 * every row, this reads no row's content.
 */
export async function writeFingerprint(server: TestServer, tables: readonly string[] = DOMAIN_TABLES): Promise<string> {
  const rows = await server.sql<{ t: string; n: string; x: string | null }>(
    tables.map((t) => `select '${t}' as t, count(*)::text as n, max(xmin::text::bigint)::text as x from ${t}`).join(' union all '),
  );
  return rows.map((r) => `${r.t}:${r.n}:${r.x ?? '-'}`).join(',');
}
