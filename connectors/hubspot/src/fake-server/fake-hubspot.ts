import { randomBytes } from 'node:crypto';
import {
  bearerToken,
  createFakeVendorServer,
  fixedWindowLimiter,
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  type FakeVendorServer,
} from '@tripline/connector-testkit';
import { CrmStore, StoreError } from './crm-store';
import { errorResponse, expiredAuthentication, invalidAuthentication, objectNotFound, propertyValuesNotValid, rateLimited } from './hubspot-error-bodies';
import { DEFAULT_RETURNED, FAKE_OBJECT_TYPES, type FakeObjectType } from './property-definitions';
import { recordView, runSearch, type SearchBody } from './search';

export interface FakeHubSpotOptions {
  /** The private app token the fake accepts. */
  accessToken?: string;
  /** The OAuth app and the refresh token of the installed account. */
  oauth?: { clientId: string; clientSecret: string; refreshToken: string; accessTokenTtlSeconds?: number };
  /** Requests per 10 s per app (HubSpot: 100 for Free/Starter). */
  tenSecondlyLimit?: number;
  /** Search requests per second per account (HubSpot: 5). */
  searchPerSecond?: number;
  /** Requests per day for the private app (HubSpot: 250,000 for Free/Starter). */
  dailyLimit?: number;
  /** Whether the admin created Tripline's idempotency property on tasks, notes, contacts and companies. */
  withIdempotencyProperty?: boolean;
  /** Owner (user) ids that tasks can be assigned to. */
  owners?: string[];
  now?: () => number;
}

export interface FakeHubSpot extends FakeVendorServer {
  /** The portal's CRM, for seeding and asserting. */
  store: CrmStore;
  accessToken: string;
  oauth: { clientId: string; clientSecret: string; refreshToken: string };
  /** OAuth access tokens handed out so far (newest last). */
  issuedAccessTokens: string[];
  /** Makes every issued OAuth access token expire now (HubSpot's are valid for 30 minutes). */
  expireAccessTokens(): void;
}

const OBJECT_TYPE = '(?<type>contacts|companies|deals|tasks|notes|[a-z0-9_-]+)';

/**
 * A fake HubSpot for what the connector uses of the documented API: CRM v3 objects (create, read
 * with property history, update, archive, list), the CRM search API, property lookups, the OAuth
 * refresh-token grant — with HubSpot's auth errors, error bodies, rate-limit headers and 429s
 * (TEN_SECONDLY_ROLLING per app, SECONDLY for search, DAILY for private apps).
 */
export async function startFakeHubSpot(options: FakeHubSpotOptions = {}): Promise<FakeHubSpot> {
  const now = options.now ?? Date.now;
  const accessToken = options.accessToken ?? `pat-na1-${randomBytes(12).toString('hex')}`;
  const oauth = options.oauth ?? { clientId: 'fake-client-id', clientSecret: `secret-${randomBytes(8).toString('hex')}`, refreshToken: `refresh-${randomBytes(8).toString('hex')}` };
  const ttlSeconds = options.oauth?.accessTokenTtlSeconds ?? 1800;
  const tenSecondly = fixedWindowLimiter({ limit: options.tenSecondlyLimit ?? 100, windowMs: 10_000, now });
  const search = fixedWindowLimiter({ limit: options.searchPerSecond ?? 5, windowMs: 1000, now });
  const daily = fixedWindowLimiter({ limit: options.dailyLimit ?? 250_000, windowMs: 24 * 60 * 60 * 1000, now });
  const dailyLimit = options.dailyLimit ?? 250_000;
  const oauthTokens = new Map<string, number>();
  const issuedAccessTokens: string[] = [];
  const store = new CrmStore(now, new Set(options.owners ?? ['77001', '77002']));
  if (options.withIdempotencyProperty ?? true) {
    for (const type of ['tasks', 'notes', 'contacts', 'companies'] as const) store.defineProperty(type, 'tripline_idempotency_key');
  }
  store.defineProperty('contacts', 'product_engagement_score');
  store.defineProperty('companies', 'product_engagement_score');
  store.defineProperty('companies', 'pql_tier');

  type Caller = { kind: 'privateApp' } | { kind: 'oauth' };

  function authenticate(request: FakeRequest): Caller | FakeResponse {
    const token = bearerToken(request);
    if (!token) return invalidAuthentication();
    if (token === accessToken) return { kind: 'privateApp' };
    const expiresAt = oauthTokens.get(token);
    if (expiresAt === undefined) return invalidAuthentication();
    if (expiresAt <= now()) return expiredAuthentication(Math.max(1, Math.round((now() - expiresAt) / 1000)));
    return { kind: 'oauth' };
  }

  /** Authentication, then HubSpot's limits and headers around a handler. */
  function api(handler: (request: FakeRequest) => FakeResponse, kind: 'standard' | 'search' = 'standard'): (request: FakeRequest) => FakeResponse {
    return (request) => {
      const caller = authenticate(request);
      if ('status' in caller) return caller;
      if (kind === 'search') {
        // Search responses carry no rate-limit headers; its own limit is per second.
        const decision = search.take();
        if (!decision.allowed) return rateLimited('SECONDLY');
        return handler(request);
      }
      const headers: Record<string, string> = { 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', 'X-HubSpot-RateLimit-Max': String(options.tenSecondlyLimit ?? 100) };
      if (caller.kind === 'privateApp') {
        const day = daily.take();
        headers['X-HubSpot-RateLimit-Daily'] = String(dailyLimit);
        headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(day.remaining);
        if (!day.allowed) return rateLimited('DAILY', headers);
      }
      const window = tenSecondly.take();
      headers['X-HubSpot-RateLimit-Remaining'] = String(window.remaining);
      if (!window.allowed) return rateLimited('TEN_SECONDLY_ROLLING', headers);
      const response = handler(request);
      return { ...response, headers: { ...headers, ...(response.headers ?? {}) } };
    };
  }

  function objectType(request: FakeRequest): FakeObjectType | FakeResponse {
    const type = request.params.type as FakeObjectType;
    return FAKE_OBJECT_TYPES.includes(type) ? type : errorResponse(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${request.params.type}`);
  }

  const listOf = (value: string | undefined) => (value ? value.split(',').map((name) => name.trim()).filter(Boolean) : []);

  function storeFailure(error: unknown): FakeResponse {
    if (!(error instanceof StoreError)) throw error;
    if (error.kind === 'notFound') return objectNotFound();
    if (error.kind === 'invalidProperties') return propertyValuesNotValid(error.problems);
    return errorResponse(400, 'VALIDATION_ERROR', error.message);
  }

  const routes: FakeRoute[] = [
    {
      method: 'POST',
      path: '/oauth/v1/token',
      handler: (request) => {
        const form = (request.body ?? {}) as Record<string, string>;
        if (form.grant_type !== 'refresh_token') return { status: 400, body: { status: 'BAD_GRANT_TYPE', message: 'grant_type must be refresh_token here' } };
        if (form.client_id !== oauth.clientId || form.client_secret !== oauth.clientSecret) {
          return { status: 400, body: { status: 'BAD_CLIENT_ID', message: 'missing or invalid client_id or client_secret', correlationId: randomBytes(8).toString('hex') } };
        }
        if (form.refresh_token !== oauth.refreshToken) {
          return { status: 400, body: { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token', correlationId: randomBytes(8).toString('hex') } };
        }
        const token = `oauth-${randomBytes(12).toString('hex')}`;
        oauthTokens.set(token, now() + ttlSeconds * 1000);
        issuedAccessTokens.push(token);
        return { status: 200, body: { token_type: 'bearer', refresh_token: oauth.refreshToken, access_token: token, expires_in: ttlSeconds } };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^/crm/v3/objects/${OBJECT_TYPE}/search$`),
      handler: api((request) => {
        const type = objectType(request);
        if (typeof type !== 'string') return type;
        const body = (request.body ?? {}) as SearchBody;
        const outcome = runSearch(store, type, body);
        if (!outcome.ok) return errorResponse(400, 'VALIDATION_ERROR', outcome.message);
        const page = outcome.matches.slice(outcome.offset, outcome.offset + outcome.limit);
        const next = outcome.offset + outcome.limit;
        const properties = body.properties?.length ? body.properties : DEFAULT_RETURNED[type];
        return {
          status: 200,
          body: {
            total: outcome.matches.length,
            results: page.map((record) => recordView(store, record, properties)),
            ...(next < outcome.matches.length ? { paging: { next: { after: String(next), link: `?after=${next}` } } } : {}),
          },
        };
      }, 'search'),
    },
    {
      method: 'GET',
      path: new RegExp(`^/crm/v3/properties/${OBJECT_TYPE}/(?<name>[a-z0-9_]+)$`),
      handler: api((request) => {
        const type = objectType(request);
        if (typeof type !== 'string') return type;
        if (!store.hasProperty(type, request.params.name!)) return errorResponse(404, 'OBJECT_NOT_FOUND', `Unable to find property ${request.params.name} for object type ${type}`);
        return { status: 200, body: { name: request.params.name, label: request.params.name, type: 'string', fieldType: 'text', hidden: false } };
      }),
    },
    {
      method: 'GET',
      path: new RegExp(`^/crm/v3/objects/${OBJECT_TYPE}$`),
      handler: api((request) => {
        const type = objectType(request);
        if (typeof type !== 'string') return type;
        const limit = Math.min(100, Number(request.query.limit ?? 10) || 10);
        const offset = Number(request.query.after ?? 0) || 0;
        const records = store.all(type).sort((a, b) => Number(a.id) - Number(b.id));
        const properties = listOf(request.query.properties);
        const page = records.slice(offset, offset + limit);
        return {
          status: 200,
          body: {
            results: page.map((record) => recordView(store, record, properties.length ? properties : DEFAULT_RETURNED[type])),
            ...(offset + limit < records.length ? { paging: { next: { after: String(offset + limit) } } } : {}),
          },
        };
      }),
    },
    {
      method: 'POST',
      path: new RegExp(`^/crm/v3/objects/${OBJECT_TYPE}$`),
      handler: api((request) => {
        const type = objectType(request);
        if (typeof type !== 'string') return type;
        const body = (request.body ?? {}) as { properties?: Record<string, unknown>; associations?: [] };
        try {
          const record = store.create(type, body.properties ?? {}, { associations: body.associations ?? [] });
          return { status: 201, body: recordView(store, record, [...new Set([...Object.keys(body.properties ?? {}), ...DEFAULT_RETURNED[type]])]) };
        } catch (error) {
          return storeFailure(error);
        }
      }),
    },
    {
      method: 'GET',
      path: new RegExp(`^/crm/v3/objects/${OBJECT_TYPE}/(?<id>\\d+)$`),
      handler: api((request) => {
        const type = objectType(request);
        if (typeof type !== 'string') return type;
        const record = store.get(type, request.params.id!);
        if (!record) return objectNotFound();
        const properties = listOf(request.query.properties);
        return { status: 200, body: recordView(store, record, properties.length ? properties : DEFAULT_RETURNED[type], listOf(request.query.propertiesWithHistory)) };
      }),
    },
    {
      method: 'PATCH',
      path: new RegExp(`^/crm/v3/objects/${OBJECT_TYPE}/(?<id>\\d+)$`),
      handler: api((request) => {
        const type = objectType(request);
        if (typeof type !== 'string') return type;
        const properties = ((request.body ?? {}) as { properties?: Record<string, unknown> }).properties ?? {};
        try {
          const record = store.update(type, request.params.id!, properties);
          return { status: 200, body: recordView(store, record, Object.keys(properties)) };
        } catch (error) {
          return storeFailure(error);
        }
      }),
    },
    {
      method: 'DELETE',
      path: new RegExp(`^/crm/v3/objects/${OBJECT_TYPE}/(?<id>\\d+)$`),
      handler: api((request) => {
        const type = objectType(request);
        if (typeof type !== 'string') return type;
        try {
          store.archive(type, request.params.id!);
          return { status: 204 };
        } catch (error) {
          return storeFailure(error);
        }
      }),
    },
  ];

  const server = await createFakeVendorServer({ name: 'hubspot', routes });
  return Object.assign(server, {
    store,
    accessToken,
    oauth: { clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: oauth.refreshToken },
    issuedAccessTokens,
    expireAccessTokens() {
      for (const token of oauthTokens.keys()) oauthTokens.set(token, now());
    },
  });
}
