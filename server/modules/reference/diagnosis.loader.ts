import DataLoader from 'dataloader';
import type { Context } from '../../graphql/context.js';
import { diagnosesOf, type Diagnosis } from './diagnoses.js';

/** Diagnoses by code for one request: the codes of a page of cases are looked up in one query. */
export function diagnosisLoader(ctx: Context): Promise<DataLoader<string, Diagnosis | null>> {
  return ctx.loaders.memo(
    'diagnoses',
    async (em) =>
      new DataLoader(async (codes: readonly string[]) => {
        const known = await diagnosesOf(em, [...codes]);
        return codes.map((code) => known?.get(code) ?? null);
      }),
  );
}
