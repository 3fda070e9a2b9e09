import { parseArgs } from 'node:util';
import { execute, sql } from '../db/sql.js';
import { generatePassword, ADMIN_LOGIN } from '../bootstrap/admin.js';
import { loadConfig } from '../config.js';
import { withDatabase } from '../app/with-database.js';
import { createLogger } from '../logger.js';
import { hashPassword } from '../modules/auth/password.js';
import { Role } from '../modules/auth/role.js';
import { User } from '../modules/auth/user.entity.js';

/**
 * Restores access on the server's machine when nobody can sign in as administrator: the login
 * (`admin` unless named) becomes an active administrator with a new generated password, shown
 * once; its earlier tokens and failed sign-ins are forgotten.
 */
const { values } = parseArgs({ options: { login: { type: 'string', default: ADMIN_LOGIN } } });
const login = (values.login ?? ADMIN_LOGIN).trim().toLowerCase();
const config = loadConfig();
const password = generatePassword();
const outcome = await withDatabase(config, createLogger(process.env.LOG_LEVEL ?? 'warn'), async (orm) => {
  const em = orm.em.fork();
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { login });
    if (user && user.role !== Role.ADMIN) return 'not-admin' as const;
    const passwordHash = await hashPassword(password);
    if (user) {
      Object.assign(user, { active: true, passwordHash, tokenVersion: user.tokenVersion + 1 });
    } else {
      tx.create(User, { login, fullName: 'Администратор Razbor', role: Role.ADMIN, organisation: null, passwordHash });
    }
    await execute(tx, sql`delete from login_failure where key = ${`login:${login}`} or starts_with(key, ${`pair:${login}|`})`);
    return user ? ('reset' as const) : ('created' as const);
  });
});
if (outcome === 'not-admin') {
  process.stderr.write(`Пользователь «${login}» не администратор: укажите логин администратора (--login) или новый логин.\n`);
  process.exit(2);
}
process.stdout.write(
  `${outcome === 'created' ? 'Создан администратор' : 'Доступ администратора восстановлен'} «${login}». Пароль (показывается один раз): ${password}\n`,
);
