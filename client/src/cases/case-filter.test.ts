import { describe, expect, it } from 'vitest';
import { caseListLink, DEFAULT_ORDER, readCaseListQuery, toApiFilter, writeCaseListQuery } from './case-filter';

describe('the case list filter in the URL', () => {
  it('survives a round trip through the address', () => {
    const params = new URLSearchParams('state=CLOSED&state=REGISTERED&mo=m1&quarter=2024-2&dx=I63&q=%D1%86%D0%B0%D0%BB&order=REFUSAL_DATE_ASC&after=abc');
    const query = readCaseListQuery(params);
    expect(query.states).toEqual(['CLOSED', 'REGISTERED']);
    expect(writeCaseListQuery(query).toString()).toBe(params.toString());
  });

  it('drops unknown states and leaves the default order out of the link', () => {
    const query = readCaseListQuery(new URLSearchParams('state=NONSENSE&state=CLOSED'));
    expect(query.states).toEqual(['CLOSED']);
    expect(query.order).toBe(DEFAULT_ORDER);
    expect(writeCaseListQuery(query).toString()).toBe('state=CLOSED');
  });

  it('turns the address into the API filter, empty fields left out', () => {
    const filter = toApiFilter(readCaseListQuery(new URLSearchParams('quarter=2024-2&enp=%205000000000000009%20&q=')));
    expect(filter.quarter).toEqual({ year: 2024, quarter: 2 });
    expect(filter.enp).toBe('5000000000000009');
    expect(filter.search).toBeUndefined();
    expect(filter.states).toBeUndefined();
    expect(toApiFilter(readCaseListQuery(new URLSearchParams('quarter=2024-7'))).quarter).toBeUndefined();
  });

  it("carries the report's groups: a figure's link becomes the list's filter", () => {
    const link = caseListLink({ smoId: 's1', quarter: '2024-1', icdGroup: 'I60-I69', missingExamination: 'A05.10.006', repeatRefusal: true });
    expect(link).toBe('/cases?smo=s1&quarter=2024-1&group=I60-I69&exam=A05.10.006&repeat=1');
    const filter = toApiFilter(readCaseListQuery(new URL(link, 'http://razbor').searchParams));
    expect(filter).toMatchObject({ smoId: 's1', icdGroup: 'I60-I69', missingExamination: 'A05.10.006', repeatRefusal: true });
    expect(toApiFilter(readCaseListQuery(new URLSearchParams('repeat=0'))).repeatRefusal).toBeUndefined();
  });
});
