import { describe, expect, it } from 'vitest';
import { raw, sql, when } from '../../server/db/sql.js';

describe('the sql template', () => {
  it('puts every value where it stands and splices fragments with their own parameters, in order', () => {
    const scope = sql`c.smo_id = ${'smo-1'}`;
    const statement = sql`select * from refusal_case c where c.refusal_date between ${'2024-01-01'} and ${'2024-03-31'} and ${scope} ${when(true, () => sql`and c.mo_id = ${'mo-1'}`)} order by ${raw('c.number')}`;
    expect(statement).toEqual({
      sql: 'select * from refusal_case c where c.refusal_date between ? and ? and c.smo_id = ? and c.mo_id = ? order by c.number',
      params: ['2024-01-01', '2024-03-31', 'smo-1', 'mo-1'],
    });
  });

  it('leaves out a fragment whose condition fails, and never writes a value into the text', () => {
    const hostile = "'; drop table refusal_case; --";
    expect(sql`select ${hostile} ${when(null, () => sql`and x = ${1}`)}`).toEqual({ sql: 'select ? ', params: [hostile] });
  });
});
