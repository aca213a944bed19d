import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { NonRetryableError } from '@tripline/connector-sdk';
import { blockedAddressReason } from './blocked-addresses';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Turns a host name into its addresses (the system resolver by default; tests pass their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Says why an address may not be reached, or undefined when it may. */
export type AddressPolicy = (address: string) => string | undefined;

export const systemResolver: HostResolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** The default policy: public unicast addresses only. */
export const publicAddressesOnly: AddressPolicy = blockedAddressReason;

/** With `allowPrivateNetworks` (tests, on-prem receivers) every address may be reached. */
export const anyAddress: AddressPolicy = () => undefined;

/** Thrown when the URL's host is (or resolves to) an address the policy refuses. Never retried. */
export class BlockedAddressError extends NonRetryableError {}

/**
 * Resolves `hostname` and checks EVERY address it resolves to against the policy, so a name with
 * one public and one private record is refused too. Returns the address to connect to: the caller
 * must connect to exactly this address (not resolve again), or a DNS rebind between the check and
 * the connect would slip through.
 */
export async function resolveCheckedAddress(
  hostname: string,
  policy: AddressPolicy,
  resolve: HostResolver = systemResolver,
): Promise<ResolvedAddress> {
  const literal = hostname.replace(/^\[|\]$/g, '');
  const family = isIP(literal);
  const addresses: ResolvedAddress[] = family ? [{ address: literal, family: family === 6 ? 6 : 4 }] : await resolve(hostname);
  if (addresses.length === 0) throw new NonRetryableError(`The host ${hostname} has no address`);
  for (const { address } of addresses) {
    const reason = policy(address);
    if (reason) {
      const shown = family ? hostname : `${hostname} (${address})`;
      throw new BlockedAddressError(
        `Refused to send to ${shown}: it is ${reason}. Outbound webhooks reach public addresses only; ` +
          `set allowPrivateNetworks on the connection to reach a receiver on a private network`,
      );
    }
  }
  return addresses[0]!;
}
