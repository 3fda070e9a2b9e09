import type { MikroORM } from '@mikro-orm/postgresql';
import nodemailer from 'nodemailer';
import type { MailSettings } from '../../config.js';
import type { Logger } from '../../logger.js';
import { systemClock } from '../../shared/clock.js';
import { deliverPendingMail, type SendMail } from './mail-outbox.js';
import { withLinkBase } from './mail-notices.js';

/** Writes the day's digests into the outbox (the tasks module knows what is due). */
export type ComposeDigests = (orm: MikroORM, day: string) => Promise<number>;

export interface MailWorker {
  stop(): Promise<void>;
}

/**
 * Sends the outbox through the SMTP server every `pollMs`, and once a day, from the digest hour,
 * writes the digests. Every server process runs one: the outbox's locks and the digests' keys
 * keep them from sending a mail twice.
 */
export function startMailWorker(orm: MikroORM, settings: MailSettings, log: Logger, composeDigests: ComposeDigests): MailWorker {
  const transport = nodemailer.createTransport(settings.smtpUrl);
  const send: SendMail = async (mail) => {
    await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: withLinkBase(mail.text, settings.publicUrl) });
  };
  let digestsWrittenFor: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  async function tick() {
    const day = systemClock.today();
    if (settings.digestHour !== null && digestsWrittenFor !== day && new Date().getHours() >= settings.digestHour) {
      const written = await composeDigests(orm, day);
      digestsWrittenFor = day;
      if (written) log.info({ day, written }, 'mail digests written');
    }
    const { sent, failed } = await deliverPendingMail(orm.em.fork(), send, { maxAgeHours: settings.maxAgeHours, batchSize: 20, maxAttempts: 8 });
    if (sent || failed) log.info({ sent, failed }, 'mail delivered');
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => log.warn({ err: error }, 'mail round failed; tried again at the next round'))
        .finally(schedule);
    }, settings.pollMs);
  }
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
