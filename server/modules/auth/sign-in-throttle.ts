import type { EntityManager } from '@mikro-orm/postgresql';
import { UserErrorCode, domainError } from '../../shared/errors.js';
import { lockKeys } from '../../db/locks.js';
import { arrayLiteral, execute, sql } from '../../db/sql.js';

/**
 * Throttling aims at the guesser, not the victim:
 * - one login from one address: 5 failures in the window;
 * - one address, whatever the logins: 30 (a guesser spraying many accounts);
 * - one login from addresses it never signed in from: 5 in all, so that guesses spread over many
 *   addresses stop too, while the user's own known addresses keep working.
 * Behind a reverse proxy the address is the client's only with RAZBOR_TRUSTED_PROXY set.
 */
export const SIGN_IN_THROTTLE = { windowMinutes: 15, perPair: 5, perAddress: 30, perLoginFromNewAddresses: 5, knownAddressDays: 90 };

const normalised = (loginName: string) => loginName.trim().toLowerCase();

function keysOf(loginName: string, address: string) {
  const login = normalised(loginName);
  return { pair: `pair:${login}|${address}`, login: `login:${login}`, address: `address:${address}` };
}

const tooMany = () =>
  domainError(null, UserErrorCode.TOO_MANY_ATTEMPTS, `Слишком много неудачных попыток входа. Повторите через ${SIGN_IN_THROTTLE.windowMinutes} минут.`);

interface Counts {
  pair: string;
  login: string;
  address: string;
  known: boolean;
}

/**
 * Counts the attempt before the password is checked, atomically: under locks on the login and on
 * the address (always taken in that order), the counts are read and the attempt is written as a
 * failure, then committed. Sixty parallel guesses thus see each other; the password check itself
 * runs outside the locks. Returns the rows to remove if the password turns out right.
 */
export async function reserveSignInAttempt(em: EntityManager, loginName: string, address: string): Promise<string[]> {
  const keys = keysOf(loginName, address);
  return em.transactional(async (tx) => {
    await lockKeys(tx, keys.login, keys.address);
    const [counts] = await execute<Counts>(
      tx,
      sql`select count(*) filter (where key = ${keys.pair}) as pair, count(*) filter (where key = ${keys.login}) as login, count(*) filter (where key = ${keys.address}) as address,
              exists (select 1 from login_known_address k where k.login = ${normalised(loginName)} and k.address = ${address}
                         and k.last_success_at > now() - make_interval(days => ${SIGN_IN_THROTTLE.knownAddressDays})) as known
         from login_failure where key in (${keys.pair}, ${keys.login}, ${keys.address}) and failed_at > now() - make_interval(mins => ${SIGN_IN_THROTTLE.windowMinutes})`,
    );
    const exceeded =
      Number(counts.pair) >= SIGN_IN_THROTTLE.perPair ||
      Number(counts.address) >= SIGN_IN_THROTTLE.perAddress ||
      (!counts.known && Number(counts.login) >= SIGN_IN_THROTTLE.perLoginFromNewAddresses);
    if (exceeded) throw tooMany();
    // A known address's failures do not count against the login from new addresses.
    const written = counts.known ? [keys.pair, keys.address] : [keys.pair, keys.login, keys.address];
    const rows = await execute<{ id: string }>(
      tx,
      sql`insert into login_failure (key, failed_at) select unnest(${arrayLiteral(written)}::text[]), now() returning id`,
    );
    return rows.map((r) => String(r.id));
  });
}

/**
 * A right password takes back this attempt and the pair's earlier failures (the user's own typos)
 * and remembers the address; the address's and the login's counts from elsewhere stay, so signing
 * in to one's own account does not clear a guesser's record.
 */
export async function signInSucceeded(em: EntityManager, loginName: string, address: string, attemptIds: string[]): Promise<void> {
  const keys = keysOf(loginName, address);
  await execute(em, sql`delete from login_failure where id = any(${arrayLiteral(attemptIds)}::bigint[]) or key = ${keys.pair}`);
  await execute(
    em,
    sql`insert into login_known_address (login, address, last_success_at) values (${normalised(loginName)}, ${address}, now())
     on conflict (login, address) do update set last_success_at = excluded.last_success_at`,
  );
  await em.execute(`delete from login_failure where failed_at < now() - interval '1 day'`);
}
