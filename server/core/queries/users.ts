import { findUserByEmail, findUserById, listUsers } from '../../db/repositories/users.ts';
import type { Core } from '../context.ts';
import { toUser } from '../mappers.ts';
import type { User } from '../types.ts';

export async function getUserByEmail(core: Core, organizationId: string, email: string): Promise<User | undefined> {
  const row = await findUserByEmail(core.db, organizationId, email.trim().toLowerCase());
  return row && toUser(row);
}

export async function getUser(core: Core, organizationId: string, userId: string): Promise<User | undefined> {
  const row = await findUserById(core.db, organizationId, userId);
  return row && toUser(row);
}

export async function getUsers(core: Core, organizationId: string): Promise<User[]> {
  return (await listUsers(core.db, organizationId)).map(toUser);
}
