import { insertContact } from '../../db/repositories/contacts.ts';
import { findContactHolding, findDirectoryContact } from '../../db/repositories/contact-directory.ts';
import type { Executor } from '../../db/client.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { invalid } from '../errors.ts';
import { toContactRecord, type ContactRecord } from '../queries/contacts.ts';
import { normalizeEmail, requireText } from '../validation.ts';

/** What an integration may say about a person; null clears a field, absent leaves it. */
export interface ContactFields {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  identifier?: string | null;
  customAttributes?: Record<string, unknown>;
  additionalAttributes?: Record<string, unknown>;
}

const ATTRIBUTES_MAX_BYTES = 16_384;

function checkAttributes(field: string, value: Record<string, unknown>) {
  if (JSON.stringify(value).length > ATTRIBUTES_MAX_BYTES) throw invalid(field, `${field} must be at most ${ATTRIBUTES_MAX_BYTES} bytes of JSON`);
  return value;
}

const optionalText = (field: string, value: string | null | undefined, max: number) =>
  value === undefined ? undefined : value === null || value.trim() === '' ? null : requireText(field, value, max);

/** The fields as stored, checked; attribute objects replace (the caller merges). */
export function checkContactFields(fields: ContactFields) {
  const values = {
    name: optionalText('name', fields.name, 255),
    email: fields.email === undefined ? undefined : fields.email === null || fields.email.trim() === '' ? null : normalizeEmail('email', fields.email),
    phone: optionalText('phone', fields.phone, 50),
    identifier: optionalText('identifier', fields.identifier, 255),
    customAttributes: fields.customAttributes && checkAttributes('custom_attributes', fields.customAttributes),
    additionalAttributes: fields.additionalAttributes && checkAttributes('additional_attributes', fields.additionalAttributes),
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<{ [K in keyof typeof values]: Exclude<(typeof values)[K], undefined> }>;
}

/** E-mail, phone and identifier each name one person in an organization: another contact holding one is refused. */
export async function refuseTakenFields(tx: Executor, organizationId: string, values: { email?: string | null; phone?: string | null; identifier?: string | null }, exceptId?: string) {
  for (const field of ['email', 'phone', 'identifier'] as const) {
    const value = values[field];
    if (value && (await findContactHolding(tx, organizationId, field, value, exceptId))) throw invalid(field, `${field} has already been taken`);
  }
}

/** Creates a contact through an API (a person an integration knows, not yet a widget visitor). */
export async function createContact(core: Core, organizationId: string, fields: ContactFields): Promise<ContactRecord> {
  const values = checkContactFields(fields);
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    await refuseTakenFields(tx, organizationId, values);
    const row = await insertContact(tx, { organizationId, ...values });
    emit({ type: 'contact.created', organizationId, payload: { contactId: row.id } });
    return toContactRecord((await findDirectoryContact(tx, organizationId, { id: row.id }))!);
  });
}
