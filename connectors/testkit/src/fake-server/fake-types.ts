/** A request as the fake vendor received it (also what the received-request log holds). */
export interface FakeRequest {
  /** Upper-case, e.g. "POST". */
  method: string;
  /** The path without the query string, e.g. "/crm/v3/objects/tasks". */
  path: string;
  /** Values of the route's `:params` (or of a RegExp route's named groups), URI-decoded. */
  params: Record<string, string>;
  /** The query string; a repeated key keeps its first value (see `searchParams` for all of them). */
  query: Record<string, string>;
  searchParams: URLSearchParams;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** JSON bodies parsed; form-encoded (application/x-www-form-urlencoded) bodies as an object of strings; else undefined. */
  body: unknown;
  /** The exact bytes received (signatures are computed over these). */
  rawBody: Buffer;
  /** The full URL called, e.g. "http://127.0.0.1:53211/v1/tasks?limit=2" (HubSpot v3 signs it). */
  url: string;
  /** Epoch ms when the request arrived. */
  receivedAt: number;
  /** True when a `failNext` fault answered this request instead of a route. */
  faulted?: boolean;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object or array is sent as JSON; a string or Buffer as is; undefined sends no body. */
  body?: unknown;
}

export type FakeHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeRoute {
  /** "GET", "post", ... or "*" for any method. */
  method: string;
  /** "/crm/v3/objects/:objectType/:id" or a RegExp matched against the whole path (named groups become params). */
  path: string | RegExp;
  handler: FakeHandler;
}

/** A response the fake gives instead of its routes, to the next `times` requests (default 1). */
export interface FakeFault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
}

export interface FakeVendorServerOptions {
  /** The vendor, e.g. "hubspot"; appears in 404 answers and errors. */
  name: string;
  routes: FakeRoute[];
}

export interface FakeVendorServer {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:53211". */
  url: string;
  name: string;
  /** Every request received, oldest first (faulted ones too). */
  requests: FakeRequest[];
  /** The next `times` requests get this response instead of the routes' (401, 429 + Retry-After, 500...). */
  failNext(fault: FakeFault): void;
  /** Drops faults not yet used up. */
  clearFaults(): void;
  /** Requests received for a method and path (a string compared exactly, or a RegExp). */
  requestsTo(method: string, path: string | RegExp): FakeRequest[];
  /** Stops listening and closes every connection, idle keep-alive sockets included. */
  close(): Promise<void>;
}
