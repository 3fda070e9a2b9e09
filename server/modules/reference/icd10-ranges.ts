/**
 * The МКБ-10 categories of the 402н/631н list as the order writes them: single rubrics or
 * subrubrics («I63», «I63.5»), ranges of rubrics («I60-I69», «E10–E14», «C00-D48»), several of them
 * separated by commas or semicolons. A diagnosis falls in a range when its rubric (the first three
 * characters) lies between the ends; a subrubric end («M51.1») matches that subrubric and below.
 */
export interface Icd10Range {
  from: string;
  to: string;
}

const CODE = /^[A-Z]\d{2}(\.\d{1,2})?$/;

/** Parses the order's text; what is not a code or a range of codes is left out (and counted by the caller). */
export function parseIcd10Ranges(text: string | null | undefined): Icd10Range[] {
  if (!text) return [];
  return text
    .toUpperCase()
    .replace(/[–—]/g, '-')
    .split(/[,;]/)
    .map((part) => part.trim().replace(/\s+/g, ''))
    .flatMap((part) => {
      const [from, to = from] = part.split('-');
      return CODE.test(from) && CODE.test(to) ? [{ from, to }] : [];
    });
}

/** Whether a diagnosis code lies in any of the ranges. */
export function inIcd10Ranges(code: string, ranges: Icd10Range[]): boolean {
  const rubric = code.slice(0, 3);
  return ranges.some(({ from, to }) => {
    const lower = from.length > 3 ? code >= from : rubric >= from;
    const upper = to.length > 3 ? code.startsWith(to) || code <= to : rubric <= to.slice(0, 3);
    return lower && upper;
  });
}

/**
 * `inIcd10Ranges` in SQL for one range held in columns: byte order (collation "C") as JavaScript
 * compares strings, whatever the database's locale.
 */
export const inIcd10RangeSql = (code: string, from: string, to: string): string =>
  `((case when length(${from}) > 3 then ${code} collate "C" >= ${from} else left(${code}, 3) collate "C" >= ${from} end)
    and (case when length(${to}) > 3 then (${code} like ${to} || '%' or ${code} collate "C" <= ${to}) else left(${code}, 3) collate "C" <= ${to} end))`;
