import type { Viewer } from '../auth/viewer.js';

/**
 * Whether "the person was refused before" may look across insurers (by ЕНП): only for a viewer who
 * reads every organisation and asks about no single SMO. Anyone else compares within the SMO's own
 * record of the person, so that no SMO or MO learns from a figure that a competitor refused them.
 */
export const repeatAcrossInsurers = (viewer: Viewer, smoId: string | null | undefined): boolean => viewer.readsAllOrganisations && !smoId;

/**
 * "A repeat refusal": the case's person was refused before the case's refusal date, as SQL on a case
 * alias. The database keeps both answers on the case (`refusal_case_mark_repeats`, migration
 * 20261204000000): within the SMO, an earlier case of the same person record; across insurers, an
 * earlier case of the same ЕНП (each case carries its person's).
 */
export function repeatRefusalSql(acrossInsurers: boolean, alias = 'c'): string {
  return acrossInsurers ? `${alias}.refused_before_by_enp` : `${alias}.refused_before_in_smo`;
}
