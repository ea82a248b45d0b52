import { invalid } from './errors.ts';

/** Domain invariants shared by every entry point; dialects add their vendor's stricter rules on top. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(field: string, value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw invalid(field, `${field} must be a valid e-mail address`);
  return email;
}

export function requireText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw invalid(field, `${field} must not be empty`);
  if (text.length > max) throw invalid(field, `${field} must be at most ${max} characters`);
  return text;
}

export const PASSWORD_MIN = 5;
export const PASSWORD_MAX = 200;

export function checkPassword(field: string, value: string): string {
  if (value.length < PASSWORD_MIN || value.length > PASSWORD_MAX) {
    throw invalid(field, `${field} must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters`);
  }
  return value;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
