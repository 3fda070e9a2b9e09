import pino from 'pino';

export type Logger = pino.Logger;

/**
 * A database error as it may be logged: the SQLSTATE, the constraint, table and column, and the
 * server's message with quoted values removed. Never the statement (the driver inlines the
 * parameters: ЕНП, СНИЛС, names) and never the detail (it repeats key values).
 */
export function databaseErrorForLog(error: Record<string, unknown>) {
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  const reason = text(error.message, '').split(' - ').pop() ?? '';
  return {
    type: text(error.name, 'Error'),
    sqlState: error.sqlState ?? error.code,
    constraint: error.constraint,
    table: error.table,
    column: error.column,
    message: reason.replace(/"[^"]*"|'[^']*'|\([^)]*\)=\([^)]*\)/g, '…'),
  };
}

const isDatabaseError = (error: unknown): error is Record<string, unknown> =>
  typeof error === 'object' &&
  error !== null &&
  (('sqlState' in error && error.sqlState !== undefined) ||
    /^[0-9A-Z]{5}$/.test(typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : ''));

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'razbor' },
    // Personal data must never reach the logs; these keys are dropped wherever they appear.
    redact: {
      paths: ['*.password', '*.enp', '*.snils', '*.token', 'req.headers.authorization'],
      censor: '[скрыто]',
    },
    serializers: { err: (error: unknown) => (isDatabaseError(error) ? databaseErrorForLog(error) : pino.stdSerializers.err(error as Error)) },
  };
  return destination ? pino(options, destination) : pino(options);
}
