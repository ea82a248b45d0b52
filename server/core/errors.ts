/**
 * Domain errors carry a kind and, when one input is to blame, the field name.
 * Each API family maps them to its own error shape and status code.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized';

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
