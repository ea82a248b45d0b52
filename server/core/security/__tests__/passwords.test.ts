import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { DEFAULT_PASSWORD_HASHING, generatePassword, hashPassword, passwordHashing, verifyPassword } from '../passwords.ts';

describe('password hashing', () => {
  it('verifies the right password and rejects others', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('never verifies against a missing or malformed hash', async () => {
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  });

  it('generates 20-character passwords that differ', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(generatePassword()).not.toBe(a);
  });

  describe('the bound on hashes in flight', () => {
    afterEach(() => passwordHashing.configure(DEFAULT_PASSWORD_HASHING));

    it('refuses derivations beyond the running one and the queue at once, with "unavailable"', async () => {
      const stored = await hashPassword('correct horse');
      passwordHashing.configure({ concurrency: 1, maxWaiting: 1 });
      // Started in one tick: one runs, one waits, the rest cannot even queue.
      const attempts = [1, 2, 3, 4].map(() => verifyPassword('correct horse', stored).then((ok) => ok, (error: unknown) => error));
      const outcomes = await Promise.all(attempts);
      expect(outcomes.slice(0, 2)).toEqual([true, true]);
      for (const refused of outcomes.slice(2)) {
        expect(refused).toBeInstanceOf(DomainError);
        expect(refused).toMatchObject({ kind: 'unavailable', message: 'the server is busy checking other passwords; try again in a few seconds' });
      }
      await expect(hashPassword('new one')).resolves.toMatch(/^scrypt\$/);
    });
  });
});
