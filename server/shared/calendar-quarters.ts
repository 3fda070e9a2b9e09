/** Quarter arithmetic without dependencies, shared by the server and the web client. */

export interface YearQuarter {
  year: number;
  quarter: number;
}

/** The calendar quarter a date falls in. */
export const quarterOf = (date: Date): YearQuarter => ({ year: date.getFullYear(), quarter: Math.floor(date.getMonth() / 3) + 1 });

export const previousQuarter = (year: number, quarter: number): YearQuarter =>
  quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
