import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'razbor' },
    // Personal data must never reach the logs; these keys are dropped wherever they appear.
    redact: {
      paths: ['*.password', '*.enp', '*.snils', '*.token', 'req.headers.authorization'],
      censor: '[скрыто]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
