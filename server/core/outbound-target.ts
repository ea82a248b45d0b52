import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Whether webhooks and bots may reach this machine and the networks around it (ALLOW_PRIVATE_WEBHOOK_TARGETS). */
export interface TargetPolicy {
  allowPrivateTargets: boolean;
}

/** Where IPv6 addresses on the internet are allocated; the rest of the space is special or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Whether an outbound request may connect to this address by default. Deny by default: only what
 * ipaddr.js calls plain `unicast` passes, so loopback, private, link-local (with the cloud
 * metadata address 169.254.169.254), carrier-grade NAT, reserved, benchmarking, multicast and
 * broadcast ranges are refused, and so are NAT64, 6to4 and Teredo, which carry an IPv4 address
 * we would otherwise have to judge. An IPv4-mapped IPv6 address is judged as the IPv4 address it
 * is; other IPv6 addresses must lie in 2000::/3, which leaves out `::`, `::1` and the deprecated
 * IPv4-compatible `::a.b.c.d`.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.range() !== 'unicast') return false;
  return ip.kind() === 'ipv4' || ip.match(GLOBAL_UNICAST_V6);
}

/**
 * The address a URL names literally, without IPv6 brackets; undefined for a host name. URL
 * parsing has already turned `2130706433`, `0x7f.1` or `127.1` into `127.0.0.1`.
 */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) ? host : undefined;
}

/**
 * What can be refused when a URL is saved, without asking DNS: an address literal that is not
 * public, or a name that always means this machine (`localhost`, `*.localhost`, RFC 6761). Any
 * other name is judged when connecting, on the addresses it resolves to then.
 */
export function namesPrivateTarget(url: URL): boolean {
  const literal = literalAddress(url);
  if (literal !== undefined) return !isPublicAddress(literal);
  return /(^|\.)localhost\.?$/.test(url.hostname);
}
