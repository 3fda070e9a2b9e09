import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mailbox {
  /** smtp://127.0.0.1:port of the server, for RAZBOR_SMTP_URL. */
  url: string;
  received: ParsedMail[];
  /** Mails to this address received so far. */
  to(address: string): ParsedMail[];
  /** Waits until `count` mails matching have arrived (or fails after `timeoutMs`). */
  waitFor(match: (mail: ParsedMail) => boolean, count?: number, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

const addressesOf = (mail: ParsedMail) => [mail.to ?? []].flat().flatMap((group) => group.value.map((a) => a.address ?? ''));

/** A real SMTP server in the test process that keeps every mail it receives. */
export async function startMailbox(): Promise<Mailbox> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const matching = (match: (mail: ParsedMail) => boolean) => received.filter(match);
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((mail) => addressesOf(mail).includes(address)),
    async waitFor(match, count = 1, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (matching(match).length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} mails, received ${matching(match).length}: ${received.map((m) => m.subject).join(' | ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return matching(match);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const isTo = (address: string) => (mail: ParsedMail) => addressesOf(mail).includes(address);
