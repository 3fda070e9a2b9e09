import { describe, expect, it } from 'vitest';
import { caseScope, caseScopeSql, scopeFilter } from '../../server/access/records.js';
import { Role } from '../../server/modules/auth/role.js';
import { Viewer } from '../../server/modules/auth/viewer.js';

const SMO = '11111111-1111-4111-8111-111111111111';

describe('record scopes', () => {
  it('give an SMO expert its SMO, an MO commission its MO, the fund everything', () => {
    expect(caseScope(new Viewer('u', Role.SMO_EXPERT, SMO))).toEqual({ smo: SMO });
    expect(caseScope(new Viewer('u', Role.MO_COMMISSION, SMO))).toEqual({ mo: SMO });
    expect(caseScope(new Viewer('u', Role.MONITORING, null))).toEqual({});
    expect(caseScopeSql(new Viewer('u', Role.SMO_EXPERT, SMO))).toEqual({ sql: '(c.smo_id = ?)', params: [SMO] });
  });

  it('give a user of no organisation nothing, rather than a made-up organisation id', () => {
    const orphan = new Viewer('u', Role.SMO_EXPERT, null);
    expect(scopeFilter(orphan, 'smo')).toEqual({ id: { $in: [] } });
    expect(caseScopeSql(orphan)).toEqual({ sql: 'false', params: [] });
  });
});
