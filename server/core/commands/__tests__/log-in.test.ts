import { expect, it, vi } from 'vitest';
import { userSessions } from '../../../db/schema/index.ts';
import { useTestApp } from '../../../test/test-app.ts';
import { DomainError } from '../../errors.ts';
import { passwordHashing } from '../../security/passwords.ts';
import { authenticateSession } from '../../queries/authenticate-session.ts';
import { getUserByEmail } from '../../queries/users.ts';
import { createUser } from '../create-user.ts';
import { logIn } from '../log-in.ts';
import { updateUser } from '../update-user.ts';

const { t, tenant } = useTestApp({ tenants: 1 });

it('opens a session for the right password, refuses others with one message, and prunes expired sessions', async () => {
  const user = (await getUserByEmail(t.core, tenant.organizationId, tenant.adminEmail))!;
  await t.core.db.insert(userSessions).values({ userId: user.id, tokenHash: 'expired-hash', expiresAt: new Date(Date.now() - 1000) });

  const session = await logIn(t.core, tenant.adminEmail.toUpperCase(), tenant.adminPassword);
  expect(session.user.id).toBe(user.id);
  expect((await authenticateSession(t.core, session.token))?.id).toBe(user.id);
  const rows = await t.core.db.query.userSessions.findMany({ where: (s, { eq }) => eq(s.userId, user.id) });
  expect(rows.map((r) => r.tokenHash)).not.toContain('expired-hash');
  expect(rows).toHaveLength(1);

  for (const [email, password] of [[tenant.adminEmail, 'wrong password'], ['nobody@example.com', tenant.adminPassword]]) {
    const error = await logIn(t.core, email!, password!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'unauthorized', message: 'wrong e-mail or password' });
  }
});

it('costs one password derivation whatever the e-mail names: unknown, invited, disabled or a wrong password', async () => {
  const invited = await createUser(t.core, tenant.organizationId, { email: 'invited@cost.test', name: 'Invited' });
  const disabled = await createUser(t.core, tenant.organizationId, { email: 'disabled@cost.test', name: 'Disabled', password: 'right password' });
  await updateUser(t.core, tenant.organizationId, disabled.id, { disabled: true });
  const derivations = vi.spyOn(passwordHashing, 'run');
  try {
    for (const [email, password] of [
      [tenant.adminEmail, 'wrong password'],
      ['nobody@cost.test', 'any password'],
      [invited.email, 'any password'],
      [disabled.email, 'right password'],
    ] as const) {
      derivations.mockClear();
      await expect(logIn(t.core, email, password)).rejects.toThrow('wrong e-mail or password');
      expect(derivations, email).toHaveBeenCalledTimes(1);
    }
  } finally {
    derivations.mockRestore();
  }
});
