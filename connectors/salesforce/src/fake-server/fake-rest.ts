import type { FakeRequest, FakeResponse, FakeRoute } from '@tripline/connector-testkit';
import { bearerToken } from '@tripline/connector-testkit';
import { FakeApiError, notFound } from './fake-errors';
import type { FakeSessions } from './fake-oauth';
import type { FakeOrg, FakeRecord } from './fake-org';
import { runSoql, type QueryRow } from './fake-query';
import { canonicalField, type FakeObjectType, type ObjectSchema } from './fake-schema';

export interface FakeRestSettings {
  /** Upper bound of a query page, below Salesforce's 2,000 default so tests see paging ("no guarantee that the requested batch size is the actual batch size"). */
  maxBatchSize: number;
}

const VERSION = /^v\d{2,3}\.0$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const json = (status: number, body?: unknown): FakeResponse => ({ status, body });

/**
 * The REST resources the connector uses, each behind the bearer check and the daily API counter:
 * limits, query (+ query locators), sobject create / read / update / delete and upsert by External ID.
 * Every answer carries `Sforce-Limit-Info: api-usage=<used>/<max>`; past the allocation calls get
 * 403 REQUEST_LIMIT_EXCEEDED.
 */
export function restRoutes(org: FakeOrg, sessions: FakeSessions, settings: FakeRestSettings): FakeRoute[] {
  const cursors = new Map<string, QueryRow[]>();
  let cursorCount = 0;

  const guarded =
    (handler: (request: FakeRequest, version: string) => FakeResponse) =>
    (request: FakeRequest): FakeResponse => {
      const usageHeader = () => ({ 'Sforce-Limit-Info': `api-usage=${org.apiUsage.used}/${org.apiUsage.max}` });
      if (!sessions.isLive(bearerToken(request))) {
        return { status: 401, headers: { 'WWW-Authenticate': 'Token' }, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
      }
      if (org.apiUsage.used >= org.apiUsage.max) {
        return { status: 403, headers: usageHeader(), body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] };
      }
      org.apiUsage.used += 1;
      try {
        const version = request.params.version ?? '';
        if (!VERSION.test(version)) throw notFound();
        const response = handler(request, version);
        return { ...response, headers: { ...usageHeader(), ...response.headers } };
      } catch (error) {
        if (error instanceof FakeApiError) return { status: error.status, headers: usageHeader(), body: error.body };
        throw error;
      }
    };

  function queryPage(rows: QueryRow[], offset: number, version: string, cursorId: string, batchSize: number): FakeResponse {
    const end = Math.min(rows.length, offset + batchSize);
    const done = end >= rows.length;
    return json(200, {
      totalSize: rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/query/${cursorId}-${end}` }),
      records: rows.slice(offset, end),
    });
  }

  function batchSizeOf(request: FakeRequest): number {
    const asked = /batchSize=(\d+)/i.exec(request.headers['sforce-query-options'] ?? '');
    const wanted = asked ? Math.min(2000, Math.max(200, Number(asked[1]))) : 2000;
    return Math.min(wanted, settings.maxBatchSize);
  }

  return [
    { method: 'GET', path: '/services/data/:version/limits', handler: guarded(() => json(200, {
      DailyApiRequests: { Max: org.apiUsage.max, Remaining: Math.max(0, org.apiUsage.max - org.apiUsage.used) },
      DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
      DataStorageMB: { Max: 5, Remaining: 5 },
    })) },
    { method: 'GET', path: '/services/data/:version/query', handler: guarded((request, version) => {
      const soql = request.query.q;
      if (!soql) throw new FakeApiError(400, 'MALFORMED_QUERY', 'A query string (q) is required');
      const rows = runSoql(org, soql, version);
      cursorCount += 1;
      const cursorId = `01g5g00000${String(cursorCount).padStart(8, '0')}`;
      cursors.set(cursorId, rows);
      return queryPage(rows, 0, version, cursorId, batchSizeOf(request));
    }) },
    { method: 'GET', path: '/services/data/:version/query/:locator', handler: guarded((request, version) => {
      const found = /^(?<cursor>[A-Za-z0-9]+)-(?<offset>\d+)$/.exec(request.params.locator ?? '');
      const rows = found ? cursors.get(found.groups!.cursor!) : undefined;
      if (!found || !rows) throw new FakeApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return queryPage(rows, Number(found.groups!.offset), version, found.groups!.cursor!, batchSizeOf(request));
    }) },
    { method: 'POST', path: '/services/data/:version/sobjects/:object', handler: guarded((request) => {
      const schema = org.schemaOf(request.params.object!);
      const fields = checkedBody(org, schema, request.body, 'create');
      const record = org.insert(schema.type, fields);
      return json(201, { id: record.Id, success: true, errors: [] });
    }) },
    { method: 'GET', path: '/services/data/:version/sobjects/:object/:id', handler: guarded((request, version) => {
      const schema = org.schemaOf(request.params.object!);
      const record = org.stored(schema.type, request.params.id!).fields;
      return json(200, recordView(schema, record, request.query.fields, version));
    }) },
    { method: 'PATCH', path: '/services/data/:version/sobjects/:object/:id', handler: guarded((request) => {
      const schema = org.schemaOf(request.params.object!);
      org.stored(schema.type, request.params.id!);
      org.update(schema.type, request.params.id!, checkedBody(org, schema, request.body, 'update'));
      return json(204);
    }) },
    { method: 'DELETE', path: '/services/data/:version/sobjects/:object/:id', handler: guarded((request) => {
      const schema = org.schemaOf(request.params.object!);
      org.delete(schema.type, request.params.id!);
      return json(204);
    }) },
    { method: 'PATCH', path: '/services/data/:version/sobjects/:object/:field/:value', handler: guarded((request, version) => {
      const schema = org.schemaOf(request.params.object!);
      const externalId = canonicalField(schema, request.params.field!);
      if (!externalId || !schema.externalIds.has(externalId)) {
        throw new FakeApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${request.params.field}`);
      }
      const value = request.params.value!;
      const matches = org.list(schema.type).filter((record) => record[externalId] === value);
      if (matches.length > 1) return json(300, matches.map((record) => `/services/data/${version}/sobjects/${schema.type}/${record.Id}`));
      const existing = matches[0];
      const fields = checkedBody(org, schema, request.body, existing ? 'update' : 'create');
      if (existing) {
        org.update(schema.type, existing.Id, fields);
        return json(200, { id: existing.Id, success: true, errors: [], created: false });
      }
      const record = org.insert(schema.type, { ...fields, [externalId]: value });
      return json(201, { id: record.Id, success: true, errors: [], created: true });
    }) },
  ];
}

/** GET sobjects/<object>/<id>: every field, or those named by `fields` (INVALID_FIELD for an unknown one). */
function recordView(schema: ObjectSchema & { type: FakeObjectType }, record: FakeRecord, fieldsParam: string | undefined, version: string): Record<string, unknown> {
  const view: Record<string, unknown> = { attributes: { type: schema.type, url: `/services/data/${version}/sobjects/${schema.type}/${record.Id}` } };
  const names = fieldsParam ? fieldsParam.split(',').map((name) => name.trim()).filter(Boolean) : Object.keys(schema.fields);
  for (const name of names) {
    const field = canonicalField(schema, name);
    if (!field) throw new FakeApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${schema.type}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`);
    view[field] = record[field] ?? null;
  }
  if (fieldsParam) view.Id = record.Id;
  return view;
}

/**
 * A create or update body checked as Salesforce checks it: known fields, not read-only, values of the
 * field's type (numeric text is accepted for numbers, as Salesforce's JSON reader does), references to
 * existing records, required fields on create, and no Lead with a WhatId on a Task.
 */
function checkedBody(org: FakeOrg, schema: ObjectSchema & { type: FakeObjectType }, body: unknown, mode: 'create' | 'update'): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FakeApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values');
  }
  const fields: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    const field = canonicalField(schema, name);
    if (!field) throw new FakeApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${schema.type}`);
    if (schema.readOnly.has(field)) {
      throw new FakeApiError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [field]);
    }
    fields[field] = typedValue(org, schema.fields[field]!, field, raw);
  }
  if (mode === 'create') {
    const missing = schema.required.filter((field) => fields[field] === undefined || fields[field] === null || fields[field] === '');
    if (missing.length > 0) throw new FakeApiError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  }
  if (schema.type === 'Task' && typeof fields.WhoId === 'string' && fields.WhoId.startsWith('00Q') && fields.WhatId) {
    throw new FakeApiError(400, 'FIELD_INTEGRITY_EXCEPTION', 'Related To ID: You can\'t associate a task with a lead and a related record.', ['WhatId']);
  }
  return fields;
}

function typedValue(org: FakeOrg, type: string, field: string, raw: unknown): unknown {
  if (raw === null) return null;
  const refuse = () => new FakeApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${type} from ${typeof raw} value ${JSON.stringify(raw)} or request may be missing a required field (${field})`);
  switch (type) {
    case 'number': {
      const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof value !== 'number' || Number.isNaN(value)) throw refuse();
      return value;
    }
    case 'boolean':
      if (typeof raw !== 'boolean') throw refuse();
      return raw;
    case 'date':
      if (typeof raw !== 'string' || !DATE.test(raw)) throw refuse();
      return raw;
    case 'reference':
      if (typeof raw !== 'string' || !org.resolve(raw)) {
        throw new FakeApiError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field]);
      }
      return org.resolve(raw)!.fields.Id;
    default:
      if (typeof raw === 'object') throw refuse();
      return String(raw);
  }
}
