import type { Viewer } from '../auth/viewer.js';

/**
 * Whether "the person was refused before" may look across insurers (by ЕНП): only for a viewer who
 * reads every organisation and asks about no single SMO. Anyone else compares within the SMO's own
 * record of the person, so that no SMO or MO learns from a figure that a competitor refused them.
 */
export const repeatAcrossInsurers = (viewer: Viewer, smoId: string | null | undefined): boolean => viewer.readsAllOrganisations && !smoId;

/** "A repeat refusal": the case's person was refused before the case's refusal date, as SQL on a case alias. */
export function repeatRefusalSql(acrossInsurers: boolean, alias = 'c'): string {
  if (acrossInsurers) {
    // Every SMO's record of the person: the cases of the same ЕНП (each case carries its person's).
    return `exists (select 1 from refusal_case e where e.person_enp = ${alias}.person_enp and e.refusal_date < ${alias}.refusal_date)`;
  }
  return `exists (select 1 from refusal_case e where e.person_id = ${alias}.person_id and e.refusal_date < ${alias}.refusal_date)`;
}
