import type { Emit } from '../../db/unit-of-work.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Executor } from '../../db/client.ts';
import { findUserByEmailAnywhere, insertUser } from '../../db/repositories/users.ts';
import type { Core } from '../context.ts';
import { conflict } from '../errors.ts';
import { toUser } from '../mappers.ts';
import { checkCallerMayChangeUser, type Caller } from '../scopes.ts';
import { hashPassword } from '../security/passwords.ts';
import type { Role, User, VendorData } from '../types.ts';
import { checkPassword, normalizeEmail, requireText } from '../validation.ts';

export interface CreateUserInput {
  email: string;
  name: string;
  role?: Role;
  password?: string;
  phone?: string | null;
  alias?: string | null;
  avatarUrl?: string | null;
  maxConcurrentChats?: number;
  vendorData?: VendorData;
}

/**
 * Creates a console user (agent or admin) in one organization. E-mails are unique installation-wide.
 * An API key `caller` makes agents only (scopes.ts); no caller is the operator.
 */
export async function createUser(core: Core, organizationId: string, input: CreateUserInput, caller?: Caller): Promise<User> {
  checkCallerMayChangeUser(caller, undefined, input);
  const passwordHash = input.password === undefined ? null : await hashPassword(checkPassword('password', input.password));
  return runInTransaction(core.db, core.bus, async (tx, emit) =>
    toUser(await insertUserChecked(tx, emit, organizationId, { ...input, passwordHash })),
  );
}

/** Inserts inside an open transaction; shared with commands that create users on the side (widget members, bootstrap). */
export async function insertUserChecked(
  tx: Executor,
  emit: Emit,
  organizationId: string,
  input: Omit<CreateUserInput, 'password'> & { passwordHash: string | null },
) {
  const email = normalizeEmail('email', input.email);
  const holder = await findUserByEmailAnywhere(tx, email);
  if (holder?.organizationId === organizationId) throw conflict(`a user with email ${email} already exists`, 'email');
  // E-mails are logins, unique installation-wide, so the address cannot be given out again; naming
  // the reason ("exists", "in another organization") would tell one tenant about another's people.
  if (holder) throw conflict(`email ${email} cannot be used; choose another e-mail address`, 'email');
  const row = await insertUser(tx, {
    organizationId,
    email,
    name: requireText('name', input.name, 200),
    role: input.role ?? 'agent',
    passwordHash: input.passwordHash,
    phone: input.phone ?? null,
    alias: input.alias ?? null,
    avatarUrl: input.avatarUrl ?? null,
    maxConcurrentChats: input.maxConcurrentChats ?? 5,
    vendorData: input.vendorData ?? {},
  });
  emit({ type: 'user.created', organizationId, userId: row.id, payload: { userId: row.id, email, role: row.role } });
  return row;
}
