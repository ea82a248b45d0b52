/**
 * Domain errors carry a kind and, when one input is to blame, the field name.
 * Each API family maps them to its own error shape and status code.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'unavailable' | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, message: string) => new DomainError('invalid', message, field);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string, field?: string) => new DomainError('conflict', message, field);
export const forbidden = (message: string) => new DomainError('forbidden', message);
/** The request is sound but the server is too busy for it now; retrying later may succeed. */
export const unavailable = (message: string) => new DomainError('unavailable', message);
/** The caller has used up an allowance (e.g. transcript e-mails per hour); later may succeed. */
export const rateLimited = (message: string) => new DomainError('rate_limited', message);
