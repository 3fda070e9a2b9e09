import 'reflect-metadata';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { ADMIN_LOGIN } from './bootstrap/admin.js';
import { DEMO_USERS } from './bootstrap/demo.js';
import { startRazbor } from './app/runtime.js';

function announce(lines: string[]): void {
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

/** What HOST means for who can reach the server, said once at a production start. */
function hostNote(host: string): string {
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1')
    return `HOST=${host}: сервер доступен только с этой машины (за обратным прокси на ней же).`;
  return `HOST=${host}: сервер принимает подключения со всех адресов этого интерфейса — откройте его только через обратный прокси с HTTPS (и задайте RAZBOR_TRUSTED_PROXY), или задайте HOST=127.0.0.1.`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const razbor = await startRazbor(config, log);
  const { report } = razbor;

  const lines = [`Razbor запущен: ${razbor.url}/ — веб-интерфейс; API: ${razbor.url}/graphql; проверка: ${razbor.url}/healthz`];
  if (config.production) lines.push(hostNote(config.host));
  if (report.generatedAdminPassword) {
    lines.push(
      `Создан администратор: логин «${ADMIN_LOGIN}», пароль «${report.generatedAdminPassword}».`,
      'Пароль показан один раз — сохраните его. Задать свой можно переменной RAZBOR_ADMIN_PASSWORD до первого запуска.',
    );
  }
  if (report.demoLoaded) {
    lines.push(`Загружены демонстрационные данные. Входы (пароль «${config.demoPassword}»):`);
    for (const user of DEMO_USERS) lines.push(`  ${user.login.padEnd(11)} — ${user.fullName}, ${user.position}`);
  }
  announce(lines);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await razbor.stop();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`Razbor не запустился: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
