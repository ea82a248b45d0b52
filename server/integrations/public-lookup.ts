import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPublicAddress } from '../core/outbound-target.ts';

/** The one text a refused target leaves in the delivery log: nothing about the port, open or closed, since nothing was tried. */
export const TARGET_NOT_ALLOWED = 'target address not allowed';

/** Raised by the lookup when a name resolves to an address the default policy refuses. */
export class TargetNotAllowedError extends Error {
  constructor() {
    super(TARGET_NOT_ALLOWED);
  }
}

/**
 * The DNS lookup of outbound sockets under the default policy. The check sits in the lookup the
 * socket connects with, so the address checked is the address connected to: a name cannot
 * resolve to a public address for a check and to 127.0.0.1 for the connection (DNS rebinding).
 * A name with any refused address is refused whole rather than narrowed to its public ones: a
 * receiver on the internet has no business resolving to an internal address.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const first = addresses[0];
    if (!first || addresses.some(({ address }) => !isPublicAddress(address))) return callback(new TargetNotAllowedError(), '');
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  });
};
