import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { withDatabase } from '../app/with-database.js';
import { createLogger } from '../logger.js';
import { rotateSigningKeys } from '../modules/auth/signing-keys.js';

const { values } = parseArgs({ options: { 'revoke-previous': { type: 'boolean', default: false } } });
const config = loadConfig();
if (config.jwtSecret) {
  process.stderr.write(
    'Секрет задан переменной RAZBOR_JWT_SECRET: задайте новое значение, а прежнее перенесите в RAZBOR_JWT_SECRET_PREVIOUS (или не задавайте его, чтобы все вошли заново), и перезапустите серверы.\n',
  );
  process.exit(2);
}
const revoke = values['revoke-previous'] ?? false;
await withDatabase(config, createLogger(process.env.LOG_LEVEL ?? 'warn'), (orm) => rotateSigningKeys(orm.em.fork(), revoke));
process.stdout.write(
  revoke
    ? 'Секрет подписи заменён; все прежние токены недействительны: пользователи войдут заново (работающие серверы применят это в течение нескольких секунд).\n'
    : 'Секрет подписи заменён. Выданные токены действуют до своего срока; новые подписываются новым секретом (работающие серверы применят это в течение нескольких секунд).\n',
);
