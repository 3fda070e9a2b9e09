import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * One request must never stall everyone: each attack below is refused with HTTP 400 (or, for an
 * anonymous request, UNAUTHENTICATED) in Russian, quickly, and another user's `me` keeps answering
 * within a second while it is being refused.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

interface Answer {
  status: number;
  ms: number;
  body: { data?: unknown; message?: string; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function send(body: string, token?: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, body: JSON.parse(text) };
}

const query = (q: string, variables?: unknown) => JSON.stringify({ query: q, variables });
const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
/** Built as text: JSON.stringify itself overflows the stack on such depth. */
const nestedVariables = (q: string, depth: number) => `{"query":${JSON.stringify(q)},"variables":{"v":${'{"v":'.repeat(depth)}"x"${'}'.repeat(depth)}}}`;
const CYRILLIC = /[А-Яа-яЁё]/;

const attacks: Array<[string, () => string, boolean]> = [
  [
    '10,000 __typename aliases padding 2,000 quarterly reports',
    () => query(`{ ${aliases(10_000, '__typename')} ${aliases(2_000, 'quarterlyReport(year: 2024, quarter: 1) { refusals { total } }')} }`),
    true,
  ],
  ['15,000 aliases of me without a token', () => query(`{ ${aliases(15_000, 'me { id }')} }`), false],
  ['31 aliases of a cheap field', () => query(`{ ${aliases(31, 'me { id }')} }`), true],
  // Each register may build a workbook of 20,000 rows: one per request.
  ['two registers of every case in one request', () => query(`{ ${aliases(2, 'refusalCasesRegister { fileName }')} }`), true],
  // Each preview reads a whole calendar file on the event loop: thirty 2 MB previews held the server 42 s.
  [
    'two calendar previews in one request',
    () => query(`query($c: String!) { ${aliases(2, 'productionCalendarPreview(content: $c) { year }')} }`, { c: '<calendar year="2031"/>' }),
    true,
  ],
  [
    'a fragment cycle',
    () => query(`query { me { ...A } } fragment A on User { organisation { users: id ...B } } fragment B on Organisation { id ...A }`),
    true,
  ],
  ['a fragment that spreads itself', () => query(`query { me { ...A } } fragment A on User { id ...A }`), true],
  ['variables nested 100,000 deep', () => nestedVariables(`query($v: String) { me { id } }`, 100_000), true],
  ['a document of 200,000 tokens', () => query(`{ me { ${Array.from({ length: 200_000 }, () => 'id').join(' ')} } }`), true],
  [
    'a query 11 levels deep',
    () =>
      query(
        `{ ${'refusalCase(id: "00000000-0000-0000-0000-000000000000") { expertises { refusalCase { expertises { refusalCase { expertises { refusalCase { expertises { refusalCase { expertises { refusalCase { id } } } } } } } } } } }'} }`,
      ),
    true,
  ],
  ['11 directives on one field', () => query(`{ me { id ${Array.from({ length: 11 }, () => '@include(if: true)').join(' ')} } }`), true],
];

describe('attacks on the GraphQL endpoint', () => {
  it.each(attacks)('%s: refused quickly in Russian, while another user’s me answers within 1 s', async (_name, body, signedIn) => {
    const attack = send(body(), signedIn ? server.adminToken : undefined);
    await new Promise((r) => setTimeout(r, 20));
    const bystander = await send(query('{ me { id } }'), server.adminToken);
    const refused = await attack;
    expect(bystander.body.errors).toBeUndefined();
    expect(bystander.ms).toBeLessThan(1000);
    expect(refused.ms).toBeLessThan(1000);
    expect(refused.body.data ?? null).toBeNull();
    if (!signedIn && refused.status === 413) {
      // An anonymous body over 100 KB is refused before GraphQL reads it.
      expect(refused.body.message).toBe('Запрос слишком большой');
      return;
    }
    const [error] = refused.body.errors!;
    expect(error.message).toMatch(CYRILLIC);
    if (signedIn) expect(refused.status).toBe(400);
    else expect(refused.status === 400 || error.extensions?.code === 'UNAUTHENTICATED').toBe(true);
  });

  it('an anonymous request runs nothing but login, and login only once per request', async () => {
    const me = await send(query(`{ ${aliases(25, 'me { id }')} }`));
    expect(me.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(me.body.errors?.[0].message).toBe('Требуется вход в систему');
    expect(me.status).toBe(401);
    const twice = await send(query(`mutation { a: login(login: "admin", password: "x") { token } b: login(login: "admin", password: "y") { token } }`));
    expect(twice.status).toBe(400);
    expect(twice.body.errors?.[0].message).toBe('Вход выполняется по одному логину за запрос');
    const [{ n }] = await server.sql<{ n: string }>(`select count(*) as n from login_failure`);
    expect(Number(n)).toBe(0);
  });

  it('misspelt fields are refused without suggesting real ones', async () => {
    const answer = await send(query('{ refusalCasez(first: 1) { totalCount } }'), server.adminToken);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0].message).not.toMatch(/Did you mean|refusalCases/);
  });

  it('the web client’s largest documents stay well inside the limits', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { parse, TokenKind } = await import('graphql');
    const { LIMITS } = await import('../../server/http/limits.js');
    const dir = new URL('../../client/operations/', import.meta.url);
    for (const file of readdirSync(dir)) {
      const document = parse(readFileSync(new URL(file, dir), 'utf8'));
      let tokens = 0;
      for (let t = document.loc!.startToken; t; t = t.next!) {
        tokens += 1;
        if (t.kind === TokenKind.EOF) break;
      }
      expect(tokens, file).toBeLessThan(LIMITS.tokens * 4);
    }
  });
});

describe('overload', () => {
  /** A server with a small admission gate, and n sign-ins sent to it at once (each hashes a password: slow enough to pile up). */
  async function burst(limits: Record<string, string>, n: number) {
    const small = await startTestServer(limits);
    const body = query(`mutation { login(login: "admin", password: "wrong-password") { token } }`);
    const answers = await Promise.all(
      Array.from({ length: n }, () => fetch(`${small.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })),
    );
    return { small, answers };
  }

  it('sheds what it cannot serve: a bounded line, 503 with Retry-After for the rest, and the accepted ones answer', async () => {
    const { small, answers } = await burst({ RAZBOR_MAX_IN_FLIGHT: '1', RAZBOR_MAX_QUEUED: '2', RAZBOR_MAX_QUEUE_WAIT_MS: '5000' }, 20);
    try {
      const shed = answers.filter((a) => a.status === 503);
      const served = answers.filter((a) => a.status === 200);
      expect(served.length).toBeGreaterThanOrEqual(1);
      // One in flight and two in line at any moment: most of the twenty are turned away.
      expect(served.length).toBeLessThanOrEqual(6);
      expect(shed.length).toBe(20 - served.length);
      expect(shed[0].headers.get('retry-after')).toBe('2');
      expect(((await shed[0].json()) as { message: string }).message).toBe('Сервер перегружен. Повторите запрос через несколько секунд.');
      expect((await fetch(`${small.url}/healthz`)).status).toBe(200);
    } finally {
      await small.stop();
    }
  });

  it('turns new requests away while the event loop runs late, and serves them again once it is on time', async () => {
    const small = await startTestServer({ RAZBOR_MAX_EVENT_LOOP_DELAY_MS: '20' });
    try {
      const me = () =>
        fetch(`${small.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${small.adminToken}` },
          body: query('{ me { id } }'),
        });
      expect((await me()).status).toBe(200);
      // Saturation, as many requests at once would cause it: the loop is busy in 50 ms slices for 2.5 s.
      const busyUntil = Date.now() + 2500;
      await new Promise<void>((done) => {
        const slice = () => {
          const end = Date.now() + 50;
          while (Date.now() < end);
          if (Date.now() < busyUntil) setImmediate(slice);
          else done();
        };
        slice();
      });
      const during = await me();
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('2');
      await new Promise((r) => setTimeout(r, 2200));
      expect((await me()).status).toBe(200);
    } finally {
      await small.stop();
    }
  });

  it('turns away a request that waited in line longer than allowed instead of serving it late', async () => {
    const { small, answers } = await burst({ RAZBOR_MAX_IN_FLIGHT: '1', RAZBOR_MAX_QUEUED: '10', RAZBOR_MAX_QUEUE_WAIT_MS: '1' }, 5);
    try {
      expect(answers.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(3);
    } finally {
      await small.stop();
    }
  });
});
