import { hash, verify } from '@node-rs/argon2';

/** Argon2id (memory-hard) with the library's defaults: 19 MiB, 2 passes. */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified when a login is unknown, so that timing does not tell whether a login exists. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash('decoy-password-never-used');
  return decoyHash;
}
