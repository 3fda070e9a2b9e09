import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MeDocument,
  RecordActDeliveryDocument,
  ReturnQuarterlyReportDocument,
  SubmitQuarterlyReportDocument,
  UpdateMySettingsDocument,
  UsersDocument,
} from '../../client/generated/graphql.js';
import { caseWithFinding, createNorms2024, discuss, signExpertise } from '../helpers/expertise.js';
import { createUserAndLogin, twoSidedWorld } from '../helpers/fixtures.js';
import { isTo, startMailbox, type Mailbox } from '../helpers/mailbox.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Mail goes through a real SMTP server running in this process: the act sent to an MO and a report
 * the fund returned are mailed at once to the people concerned who gave an address; each day's
 * digest of due and overdue tasks is written once per user; the outbox is a table, so what one
 * server process wrote is sent by another, and two processes never send one mail twice.
 */
const PUBLIC_URL = 'https://razbor.tfoms.example';
let mailbox: Mailbox;
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;
const extraServers: TestServer[] = [];

const mailEnv = (extra: Record<string, string> = {}) => ({
  RAZBOR_SMTP_URL: mailbox.url,
  RAZBOR_MAIL_FROM: 'Razbor ТФОМС <razbor@tfoms.example>',
  RAZBOR_PUBLIC_URL: PUBLIC_URL,
  RAZBOR_MAIL_POLL_SECONDS: '0.1',
  // Only the digest test's servers write digests: at any hour of the day these would write them too,
  // with the default number of tasks, as soon as that test moves the day.
  RAZBOR_MAIL_DIGEST_HOUR: 'off',
  ...extra,
});

async function giveAddress(token: string, email: string | null) {
  const { me } = await server.ok(MeDocument, {}, token);
  const { updateMySettings } = await server.ok(UpdateMySettingsDocument, { input: { version: me.version, email } }, token);
  return updateMySettings;
}

beforeAll(async () => {
  vi.stubEnv('RAZBOR_TODAY', '2024-06-11');
  mailbox = await startMailbox();
  server = await startTestServer(mailEnv());
  world = await twoSidedWorld(server);
  await createNorms2024(server);
});
afterAll(async () => {
  for (const s of extraServers) await s.stop();
  await server?.stop();
  await mailbox?.stop();
  vi.unstubAllEnvs();
});

const ADDRESS = {
  moA: 'komissiya@mo-a.example',
  moB: 'komissiya@mo-b.example',
  expertA: 'expert@smo-a.example',
  expertB: 'expert@smo-b.example',
  fund: 'monitoring@tfoms.example',
};

describe('the address for mail', () => {
  it('each user sets their own; a malformed one is refused at its field in Russian; only the user and administrators read it', async () => {
    // A malformed address, and one that would add a header to every mail sent to it.
    for (const address of ['komissiya@', 'komissiya@mo-a.example\r\nBcc: leak@evil.example', 'a@b.example, c@d.example']) {
      const refused = await giveAddress(world.tokens.moA, address);
      expect(refused.result).toBeNull();
      expect(refused.errors).toEqual([{ field: 'email', message: 'Адрес почты указан неверно: например, ivanova@rkb.ru', code: 'INVALID' }]);
    }
    for (const [who, address] of Object.entries(ADDRESS)) {
      const token = world.tokens[who === 'fund' ? 'monitoring' : (who as 'moA' | 'moB' | 'expertA' | 'expertB')];
      expect((await giveAddress(token, `  ${address} `)).result?.email).toBe(address);
    }
    // A colleague of the same MO lists the users of the MO but not their addresses; the administrator sees them.
    const colleague = await createUserAndLogin(server, 'MO_COMMISSION', world.organisations.moA.id);
    const listed = (await server.ok(UsersDocument, { organisationId: world.organisations.moA.id }, colleague.token)).users;
    expect(listed.length).toBeGreaterThan(1);
    expect(listed.filter((u) => u.id !== colleague.user.id).map((u) => u.email)).toEqual(listed.filter((u) => u.id !== colleague.user.id).map(() => null));
    const forAdmin = (await server.ok(UsersDocument, { organisationId: world.organisations.moA.id }, server.adminToken)).users;
    expect(forAdmin.map((u) => u.email)).toContain(ADDRESS.moA);
  });
});

describe('notices sent at once', () => {
  it('an act sent to the MO reaches its commission members with an address, and nobody else', async () => {
    const { refusalCase, expertise } = await caseWithFinding(server, world);
    await discuss(server, world.tokens.expertA, expertise.id, '2024-06-11');
    expect((await signExpertise(server, world.tokens.expertA, expertise.id)).errors).toEqual([]);
    const before = mailbox.received.length;
    const sent = await server.ok(
      RecordActDeliveryDocument,
      { input: { expertiseId: expertise.id, sentOn: '2024-06-11', method: 'EDO' } },
      world.tokens.expertA,
    );
    expect(sent.recordActDelivery.errors).toEqual([]);

    const [mail] = await mailbox.waitFor(isTo(ADDRESS.moA));
    expect(mail.subject).toBe(`Акт экспертизы № ${expertise.number} направлен в вашу МО`);
    expect(mail.from?.text).toContain('razbor@tfoms.example');
    expect(mail.text).toContain(`по случаю ${refusalCase.number} (11.06.2024, `);
    expect(mail.text).toContain('15 рабочих дней на обжалование');
    expect(mail.text).toContain(`${PUBLIC_URL}/cases/${refusalCase.id}`);
    expect(mail.text).not.toContain('{razbor}');
    // Nobody else: give other mails of the round time to arrive, then count.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailbox.received.slice(before).map((m) => m.to && [m.to].flat()[0].text)).toEqual([ADDRESS.moA]);
  });

  it("a report the fund returns reaches the SMO's experts with the fund's comment", async () => {
    const submitted = (await server.ok(SubmitQuarterlyReportDocument, { year: 2024, quarter: 1 }, world.tokens.expertA)).submitQuarterlyReport;
    expect(submitted.errors).toEqual([]);
    const returned = await server.ok(
      ReturnQuarterlyReportDocument,
      { id: submitted.result!.id, comment: 'Нет раздела о плане мероприятий' },
      world.tokens.monitoring,
    );
    expect(returned.returnQuarterlyReport.errors).toEqual([]);
    const [mail] = await mailbox.waitFor((m) => isTo(ADDRESS.expertA)(m) && m.subject === 'Отчёт за 1 квартал 2024 возвращён на доработку');
    expect(mail.text).toContain('Замечания: Нет раздела о плане мероприятий');
    expect(mail.text).toContain(`${PUBLIC_URL}/reports?year=2024&quarter=1`);
    expect(mailbox.to(ADDRESS.expertB)).toEqual([]);
  });
});

describe('the outbox', () => {
  it('a mail written by a server with mail off waits in the database and goes out from a server that sends mail', async () => {
    const quiet = await startTestServer({}, undefined, server);
    extraServers.push(quiet);
    const submitted = (await quiet.ok(SubmitQuarterlyReportDocument, { year: 2024, quarter: 1 }, world.tokens.expertB)).submitQuarterlyReport;
    await quiet.ok(ReturnQuarterlyReportDocument, { id: submitted.result!.id, comment: 'Сверьте итоги' }, world.tokens.monitoring);
    const [mail] = await mailbox.waitFor((m) => isTo(ADDRESS.expertB)(m));
    expect(mail.text).toContain('Замечания: Сверьте итоги');
    // The mailbox has the mail once the SMTP server accepted it; the sender marks it sent just after.
    const sent = async () =>
      (await server.sql<{ sent: boolean }>(`select sent_at is not null as sent from mail_message where recipient = $1`, [ADDRESS.expertB]))[0].sent;
    await expect.poll(sent, { timeout: 10_000, interval: 100 }).toBe(true);
  });

  it('two server processes sending from one outbox send every mail exactly once', async () => {
    const values = Array.from({ length: 40 }, (_, i) => `(gen_random_uuid(), 'batch-${i}@mo.example', 'Письмо ${i}', 'Текст {razbor}/cases', null)`).join(', ');
    await server.sql(`insert into mail_message (id, recipient, subject, body, dedup_key) values ${values}`);
    const second = await startTestServer(mailEnv(), undefined, server);
    extraServers.push(second);
    const batch = await mailbox.waitFor((m) => /^Письмо \d+$/.test(m.subject ?? ''), 40);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const subjects = mailbox.received.map((m) => m.subject ?? '').filter((s) => /^Письмо \d+$/.test(s));
    expect(subjects).toHaveLength(40);
    expect(new Set(subjects).size).toBe(40);
    expect(batch[0].text).toContain(`Текст ${PUBLIC_URL}/cases`);
    const [state] = await server.sql<{ sent: number; pending: number }>(
      `select count(*) filter (where sent_at is not null)::int as sent, count(*) filter (where sent_at is null)::int as pending from mail_message where recipient like 'batch-%'`,
    );
    expect(state).toEqual({ sent: 40, pending: 0 });
  });
});

describe('the daily digest', () => {
  it('is written once a day per user with tasks overdue or due soon, even with two servers writing it; an MO also hears of its new cases', async () => {
    vi.stubEnv('RAZBOR_TODAY', '2024-06-20');
    // MO A's review of its new case falls due today: a second task due, after the act's, beyond the digest's one.
    await server.sql(`update refusal_case set review_due_on = '2024-06-20' where mo_id = $1`, [world.organisations.moA.id]);
    const digestEnv = mailEnv({ RAZBOR_MAIL_DIGEST_HOUR: '0', RAZBOR_MAIL_DIGEST_TASKS: '1' });
    const digestServers = await Promise.all([startTestServer(digestEnv, undefined, server), startTestServer(digestEnv, undefined, server)]);
    extraServers.push(...digestServers);
    const digest = (address: string) => (m: Parameters<ReturnType<typeof isTo>>[0]) => isTo(address)(m) && m.subject === 'Razbor: сводка на 20.06.2024';

    const [mo] = await mailbox.waitFor(digest(ADDRESS.moA));
    // Sent 11.06.2024, acknowledged within 5 working days — 12 June is a holiday, so by 19.06.2024.
    expect(mo.text).toMatch(/• Подтвердить получение акта ЭКМП-2024-\d+, направленного 11\.06\.2024 — просрочено на 1 рабочий день \(срок 19\.06\.2024\)/);
    // At most one task listed (RAZBOR_MAIL_DIGEST_TASKS), the most urgent; the review due today waits on the start page.
    expect(mo.text).toContain('в ближайшие 3 рабочих дня (самые срочные: 1; остальные — в Razbor, на странице «Мои задачи»):');
    expect(mo.text).not.toContain('Провести комиссионный разбор');
    expect(mo.text).toMatch(/Новые случаи отказа по вашей МО за сутки \(\d+\):\n• МСЭ-\d{4}-\d{6}, отказ от 20\.02\.2024/);
    expect(mo.text).toContain(`${PUBLIC_URL}/cases/`);
    const [expert] = await mailbox.waitFor(digest(ADDRESS.expertA));
    expect(expert.text).toContain('Задачи, срок которых прошёл или наступает');

    // Every server has had several rounds: still one digest per user and day.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const address of [ADDRESS.moA, ADDRESS.expertA]) expect(mailbox.received.filter(digest(address))).toHaveLength(1);
    // SMO B's returned report is overdue; MO B has nothing due and no new case: no digest at all.
    const [smoB] = await mailbox.waitFor(digest(ADDRESS.expertB));
    expect(smoB.text).toContain('Исправить и сдать снова отчёт за 1 квартал 2024: возвращён («Сверьте итоги»)');
    expect(mailbox.received.filter(digest(ADDRESS.moB))).toEqual([]);
    const [keys] = await server.sql<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct dedup_key)::int as distinct from mail_message where dedup_key like 'digest:%:2024-06-20'`,
    );
    expect(keys.n).toBe(keys.distinct);
  });
});
