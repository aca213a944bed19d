import { isIP } from 'node:net';

/**
 * Which IP addresses an outbound webhook may not reach unless the connection allows private
 * networks: anything that is not a public unicast address. A webhook URL is written by a person
 * (or rendered from a template), so without this a playbook could read cloud metadata
 * (169.254.169.254), an admin port on localhost or a service on the office network.
 */

interface Range {
  /** Network address as a number (IPv4) or bigint (IPv6). */
  base: bigint;
  prefix: number;
  reason: string;
}

const IPV4_RANGES: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'a private address (10/8)'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address (100.64/10)'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address (cloud metadata lives here)'],
  ['172.16.0.0', 12, 'a private address (172.16/12)'],
  ['192.0.0.0', 24, 'an IETF protocol assignment address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a 6to4 relay anycast address'],
  ['192.168.0.0', 16, 'a private address (192.168/16)'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address (240/4, broadcast included)'],
];

const IPV6_RANGES: readonly (readonly [string, number, string])[] = [
  ['::', 128, 'the unspecified address'],
  ['::1', 128, 'a loopback address'],
  // IPv4-compatible (deprecated) addresses; the mapped, NAT64 and 6to4 forms are unwrapped instead.
  ['::', 96, 'an IPv4-compatible IPv6 address'],
  ['100::', 64, 'a discard-only address'],
  ['2001::', 32, 'a Teredo tunnelling address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['fc00::', 7, 'a unique-local address (fc00::/7)'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
];

const v4Ranges: Range[] = IPV4_RANGES.map(([address, prefix, reason]) => ({ base: parseIpv4(address)!, prefix, reason }));
const v6Ranges: Range[] = IPV6_RANGES.map(([address, prefix, reason]) => ({ base: parseIpv6(address)!, prefix, reason }));

/**
 * Why `address` (a literal IPv4 or IPv6 address, brackets and zone id allowed) is blocked, or
 * undefined when it is a public unicast address. Something that is not an IP address is blocked.
 * IPv6 forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16)
 * are judged by that IPv4 address.
 */
export function blockedAddressReason(address: string): string | undefined {
  const literal = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(literal);
  if (family === 4) return reasonInV4(parseIpv4(literal)!);
  if (family === 6) return reasonInV6(parseIpv6(literal)!);
  return `'${address}' is not an IP address`;
}

function reasonInV4(value: bigint): string | undefined {
  return v4Ranges.find((range) => inRange(value, range, 32))?.reason;
}

function reasonInV6(value: bigint): string | undefined {
  const embedded = embeddedIpv4(value);
  if (embedded !== undefined) {
    const reason = reasonInV4(embedded);
    return reason ? `${reason}, inside an IPv6 address` : undefined;
  }
  // Longest prefix first, so "::1" is called loopback rather than IPv4-compatible.
  const matches = v6Ranges.filter((range) => inRange(value, range, 128)).sort((a, b) => b.prefix - a.prefix);
  return matches[0]?.reason;
}

const MAPPED_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96
const NAT64_PREFIX = 0x64ff9bn << 96n; // 64:ff9b::/96
const SIX_TO_FOUR_PREFIX = 0x2002n; // 2002::/16

/** The IPv4 address an IPv4-mapped, NAT64 (well-known prefix) or 6to4 address reaches. */
function embeddedIpv4(value: bigint): bigint | undefined {
  if (value >> 32n === MAPPED_PREFIX >> 32n) return value & 0xffffffffn;
  if (value >> 32n === NAT64_PREFIX >> 32n) return value & 0xffffffffn;
  if (value >> 112n === SIX_TO_FOUR_PREFIX) return (value >> 80n) & 0xffffffffn;
  return undefined;
}

function inRange(value: bigint, range: Range, bits: number): boolean {
  const shift = BigInt(bits - range.prefix);
  return value >> shift === range.base >> shift;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let groups: string[];
  // A trailing dotted quad ("::ffff:127.0.0.1") stands for the last two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: bigint | undefined;
  let head = text;
  if (dotted) {
    tail = parseIpv4(dotted[2]!);
    if (tail === undefined) return undefined;
    head = `${dotted[1]!}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if (halves.length === 2) {
    const missing = 8 - left.length - right.length;
    if (missing < 0) return undefined;
    groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  } else {
    groups = left;
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tail !== undefined) value = (value & ~0xffffffffn) | tail;
  return value;
}
