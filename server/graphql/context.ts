import type { DatabaseAccess } from '../db/orm.js';
import type express from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../shared/errors.js';
import type { Loaders } from './loaders.js';
import type { BusinessRules } from '../config.js';
import type { AttachmentQuota } from '../modules/attachments/attachment.service.js';
import type { RegistrationWrites } from '../modules/cases/registration-writes.js';
import type { Logger } from '../logger.js';
import type { Viewer } from '../modules/auth/viewer.js';
import type { TokenClaims, TokenService } from '../modules/auth/token.service.js';

export interface AppServices {
  tokens: TokenService;
  rules: BusinessRules;
  /** Up to this many matches, a case search is answered from the ids the full-text index finds. */
  searchIdListMax: number;
  /** A case search's matches are counted up to this many. */
  searchCountMax: number;
  /** How long a spreadsheet import waits for another one to finish. */
  importWaitMs: number;
  /** Where a large import connects from its own worker. */
  importDatabase: DatabaseAccess;
  attachmentQuota: AttachmentQuota;
  /** Registrations written together while an earlier write is in flight. */
  registrations: RegistrationWrites;
}

/** What every resolver gets: its own EntityManager fork, the signed-in viewer, the logger. */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  log: Logger;
  app: AppServices;
  loaders: Loaders;
  /** Network address of the client, for throttling sign-ins. */
  address: string;
  /** Claims of this request's bearer token, kept so that logout can revoke it. */
  token: TokenClaims | null;
}

/**
 * The signed-in viewer of a request. Anonymous requests are refused before execution (only
 * `login` runs without a token) and REST routes ask here first, so this holds in every resolver.
 */
export function viewerOf(context: Pick<Context, 'viewer'>): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}

/** How a REST route gets the same context as a GraphQL request. */
export type ContextOf = (req: express.Request) => Promise<Context>;
