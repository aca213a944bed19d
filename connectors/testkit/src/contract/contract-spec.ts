import type { ConnectorDefinition } from '@tripline/connector-sdk';
import type { FakeVendorServer } from '../fake-server/fake-types';

/** A response a fake vendor gives in a fault, as the vendor documents it (status, headers, body). */
export interface VendorFault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The vendor's rate-limit answer (HubSpot: 429 + Retry-After; Salesforce: 403 REQUEST_LIMIT_EXCEEDED). */
export interface RateLimitFault extends VendorFault {
  headers: Record<string, string>;
  /**
   * The delay the connector must report (RateLimitedError.retryAfterMs). Defaults to the
   * Retry-After header; without either, any delay is accepted.
   */
  retryAfterMs?: number;
}

export interface ActionContract<TServer extends FakeVendorServer = FakeVendorServer> {
  /** A valid input for the action against this fake; may be async (e.g. to create the record it updates first). */
  input(server: TServer): unknown;
}

export interface PollingTriggerContract<TServer extends FakeVendorServer = FakeVendorServer> {
  /** The trigger's options (or a function of the server, e.g. for ids it holds). */
  options: unknown;
  /**
   * Creates records at the fake: at least two sharing one timestamp and more than one page.
   * Return the ids the trigger's items should carry for them: the runner then checks that exactly
   * those are delivered (without them it can only check duplicates, not a lost record).
   */
  seed(server: TServer): Promise<void | readonly string[]>;
}

export interface ConnectorContractSpec<TServer extends FakeVendorServer = FakeVendorServer> {
  connector: ConnectorDefinition;
  /** A fresh fake per check (checks never share vendor state). */
  startServer(): Promise<TServer>;
  /** A valid connection config pointing at the fake. */
  connection(server: TServer): unknown;
  /** A config the fake refuses (wrong token or password), valid by the auth schema. */
  badConnection(server: TServer): unknown;
  /** One sample input per action; every action of the connector must have one. */
  actions?: Record<string, ActionContract<TServer>>;
  /** One entry per polling trigger; every polling trigger of the connector must have one. */
  triggers?: Record<string, PollingTriggerContract<TServer>>;
  faults?: {
    /** Give it when the vendor documents a rate limit: the connector must then declare `rateLimit`. */
    rateLimited?: RateLimitFault;
    /** The vendor's 401 answer (default: 401 with a generic JSON body). */
    unauthorized?: VendorFault;
    /** The vendor's 5xx answer (default: 500 with a generic JSON body). */
    serverError?: VendorFault;
  };
  /**
   * Why the connector's auth cannot test itself (e.g. "an outbound webhook's signing secret is never
   * sent to the receiver"). Without it, an auth kind other than 'none' must declare `auth.test`.
   */
  noAuthTest?: string;
  /** Per-test timeout in ms (default 30 000). */
  timeoutMs?: number;
}
