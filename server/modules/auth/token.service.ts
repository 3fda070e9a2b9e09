import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';

export interface TokenClaims {
  userId: string;
  tokenVersion: number;
  tokenId: string;
  expiresAt: Date;
}

/** The secret tokens are signed with, and the one before it, still accepted until its tokens expire. */
export interface SigningKeys {
  current: string;
  previous?: string | null;
}

export const newSecret = () => randomBytes(48).toString('base64url');

const ISSUER = 'razbor';
/** Keys stored in the database are read again this often, so a rotation reaches every process. */
const RELOAD_AFTER_MS = 5_000;

const keyIdOf = (secret: string) => createHash('sha256').update(secret).digest('base64url').slice(0, 16);

/**
 * Signs and verifies the bearer tokens (HS256 JWT) the client sends as `Authorization: Bearer`.
 * Each token names its key (`kid`); a token is refused when its key is neither the current nor the
 * previous one, and when it is older than the configured lifetime whatever its `exp` says.
 */
export class TokenService {
  private keys = new Map<string, Uint8Array>();
  private currentKeyId = '';
  private loadedAt = 0;

  constructor(
    keys: SigningKeys,
    private readonly ttlHours: number,
    private readonly reload?: () => Promise<SigningKeys>,
  ) {
    this.use(keys);
  }

  private use(keys: SigningKeys): void {
    const encode = (secret: string) => new TextEncoder().encode(secret);
    this.currentKeyId = keyIdOf(keys.current);
    this.keys = new Map([[this.currentKeyId, encode(keys.current)]]);
    if (keys.previous) this.keys.set(keyIdOf(keys.previous), encode(keys.previous));
    this.loadedAt = Date.now();
  }

  private reloading: Promise<void> | null = null;

  private async refreshIfDue(unknownKey: boolean): Promise<void> {
    if (!this.reload) return;
    const age = Date.now() - this.loadedAt;
    if (!(age > RELOAD_AFTER_MS || (unknownKey && age > 1000))) return;
    // One read at a time: under load every request arriving during a read would start another, and
    // the reads would queue on their one connection with the requests behind them.
    this.reloading ??= this.reload()
      .then((keys) => this.use(keys))
      .finally(() => {
        this.reloading = null;
      });
    await this.reloading;
  }

  async issue(userId: string, tokenVersion: number): Promise<{ token: string; expiresAt: Date }> {
    await this.refreshIfDue(false);
    const expiresAt = new Date(Date.now() + this.ttlHours * 3600_000);
    const token = await new SignJWT({ tv: tokenVersion })
      .setProtectedHeader({ alg: 'HS256', kid: this.currentKeyId })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.keys.get(this.currentKeyId)!);
    return { token, expiresAt };
  }

  /** The claims of a valid, unexpired token signed with a key in force; null for anything else. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { kid } = decodeProtectedHeader(token);
      await this.refreshIfDue(typeof kid === 'string' && !this.keys.has(kid));
      const key = this.keys.get(typeof kid === 'string' ? kid : this.currentKeyId);
      if (!key) return null;
      const { payload } = await jwtVerify(token, key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        maxTokenAge: this.ttlHours * 3600,
        requiredClaims: ['iat', 'exp'],
      });
      if (!payload.sub || !payload.jti || typeof payload.tv !== 'number' || !payload.exp) return null;
      return {
        userId: payload.sub,
        tokenVersion: payload.tv,
        tokenId: payload.jti,
        expiresAt: new Date(payload.exp * 1000),
      };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }
}
