import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { unavailable } from '../errors.ts';
import { WorkGate, type WorkGateLimits } from './work-gate.ts';

/**
 * Password hashing with scrypt (memory-hard, built into Node: no native addon to build).
 * N=2^15, r=8 uses 32 MiB per hash and takes ~50–100 ms on this class of machine.
 * Stored as `scrypt$N$r$p$salt$hash` (base64url) so parameters can be raised later.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** PASSWORD_HASH_CONCURRENCY and PASSWORD_HASH_QUEUE when unset (the command line and tests use them as they are). */
export const DEFAULT_PASSWORD_HASHING: WorkGateLimits = { concurrency: 2, maxWaiting: 16 };

/**
 * Every derivation in the process passes this gate. Unbounded, a spray of sign-ins ran one scrypt
 * per request on every thread of libuv's pool: real sign-ins took seconds and file I/O waited
 * behind them. Bounded, the hashes in flight cost a known CPU and memory, and a caller who would
 * wait behind a full queue is told at once that the server is busy. The app applies the configured
 * limits at start (`passwordHashing.configure`).
 */
export const passwordHashing = new WorkGate(DEFAULT_PASSWORD_HASHING, () =>
  unavailable('the server is busy checking other passwords; try again in a few seconds'),
);

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return passwordHashing.run(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // Without a stored hash we still derive once, so response time does not reveal which accounts exist.
  const [scheme, n, r, p, salt, hash] = (stored ?? DUMMY_HASH).split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return stored !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

/** A readable random password for the first admin: 20 characters of base64url (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
