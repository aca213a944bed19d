import { FakeApiError, entityIsDeleted, notFound } from './fake-errors';
import { idGenerator } from './fake-ids';
import { buildSchemas, canonicalField, type CustomFields, type FakeObjectType, type ObjectSchema } from './fake-schema';
import { salesforceDateTime } from './fake-time';

export type FakeRecord = Record<string, unknown> & { Id: string };

interface Stored {
  type: FakeObjectType;
  fields: FakeRecord;
  deleted: boolean;
}

export interface FakeOrgOptions {
  customFields?: CustomFields;
  /** The org's daily API allocation (DailyApiRequests.Max). */
  dailyApiLimit?: number;
  /** The fake's clock (epoch ms); records are stamped with it, to the second. */
  now?: () => number;
}

/** When a seeded or changed record is stamped (SystemModstamp), if not now. */
export interface StampOptions {
  at?: Date | string | number;
}

/**
 * The org behind the fake: records of a few standard objects (plus custom fields), stamped the way
 * Salesforce stamps them, and the daily API usage counter. Tests seed and inspect it directly.
 */
export class FakeOrg {
  readonly schemas: Record<FakeObjectType, ObjectSchema>;
  readonly orgId = '00D5g000000FAKEEAA';
  readonly integrationUserId: string;
  apiUsage: { used: number; max: number };
  private readonly records = new Map<string, Stored>();
  private readonly nextId = idGenerator();
  private readonly clock: () => number;

  constructor(options: FakeOrgOptions = {}) {
    this.schemas = buildSchemas(options.customFields);
    this.clock = options.now ?? Date.now;
    this.apiUsage = { used: 0, max: options.dailyApiLimit ?? 15_000 };
    this.integrationUserId = this.insert('User', { Username: 'integration@tripline.example', Name: 'Tripline Integration', IsActive: true }).Id;
  }

  now(): number {
    return this.clock();
  }

  schemaOf(type: string): ObjectSchema & { type: FakeObjectType } {
    const found = (Object.keys(this.schemas) as FakeObjectType[]).find((name) => name.toLowerCase() === type.toLowerCase());
    if (!found) throw notFound();
    return { ...this.schemas[found], type: found };
  }

  /** Seeds a record as Salesforce would have stored it (no permission checks; read-only fields allowed). */
  insert(type: FakeObjectType, fields: Record<string, unknown>, stamp: StampOptions = {}): FakeRecord {
    const schema = this.schemas[type];
    const at = salesforceDateTime(stampMs(stamp.at, this.clock));
    const record: FakeRecord = { Id: this.nextId(schema.keyPrefix) };
    for (const [name, value] of Object.entries(fields)) record[this.fieldName(type, name)] = value;
    Object.assign(record, { IsDeleted: false, CreatedDate: at, LastModifiedDate: at, SystemModstamp: at });
    if (type !== 'User') record.CreatedById = record.LastModifiedById = this.integrationUserId;
    if ('OwnerId' in schema.fields && record.OwnerId === undefined) record.OwnerId = this.integrationUserId;
    if (type === 'Opportunity') applyStage(record, at, undefined, fields);
    if (type === 'Task') {
      record.Status ??= 'Not Started';
      record.Priority ??= 'Normal';
      record.IsClosed = record.Status === 'Completed';
    }
    this.records.set(record.Id, { type, fields: record, deleted: false });
    return { ...record };
  }

  /** Changes fields of a stored record and stamps it (SystemModstamp, LastModifiedDate). */
  update(type: FakeObjectType, id: string, fields: Record<string, unknown>, stamp: StampOptions = {}): FakeRecord {
    const stored = this.stored(type, id);
    const at = salesforceDateTime(stampMs(stamp.at, this.clock));
    const previousStage = stored.fields.StageName;
    for (const [name, value] of Object.entries(fields)) stored.fields[this.fieldName(type, name)] = value;
    stored.fields.LastModifiedDate = stored.fields.SystemModstamp = at;
    if (type === 'Opportunity') applyStage(stored.fields, at, previousStage, fields);
    if (type === 'Task') stored.fields.IsClosed = stored.fields.Status === 'Completed';
    return { ...stored.fields };
  }

  delete(type: FakeObjectType, id: string): void {
    const stored = this.stored(type, id);
    stored.deleted = true;
    stored.fields.IsDeleted = true;
    stored.fields.SystemModstamp = salesforceDateTime(this.clock());
  }

  /** A copy of a live record, or undefined when unknown or deleted. */
  get(type: FakeObjectType, id: string): FakeRecord | undefined {
    const stored = this.findAny(id);
    return stored && stored.type === type && !stored.deleted ? { ...stored.fields } : undefined;
  }

  /** Live records of a type, in creation order. */
  list(type: FakeObjectType): FakeRecord[] {
    return [...this.records.values()].filter((stored) => stored.type === type && !stored.deleted).map((stored) => ({ ...stored.fields }));
  }

  /** Any live record by id (for relationship fields), whatever its type. */
  resolve(id: unknown): { type: FakeObjectType; fields: FakeRecord } | undefined {
    if (typeof id !== 'string') return undefined;
    const stored = this.findAny(id);
    return stored && !stored.deleted ? { type: stored.type, fields: stored.fields } : undefined;
  }

  /** The stored record for a REST call: 404 NOT_FOUND when unknown, ENTITY_IS_DELETED when deleted. */
  stored(type: FakeObjectType, id: string): Stored {
    const stored = this.findAny(id);
    if (!stored || stored.type !== type) throw notFound();
    if (stored.deleted) throw entityIsDeleted();
    return stored;
  }

  private findAny(id: string): Stored | undefined {
    // A 15-character id names the same record as its 18-character form.
    if (id.length === 15) return [...this.records.values()].find((stored) => stored.fields.Id.startsWith(id));
    return this.records.get(id);
  }

  private fieldName(type: FakeObjectType, name: string): string {
    const field = canonicalField(this.schemas[type], name);
    if (!field) throw new FakeApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${type}`);
    return field;
  }
}

function stampMs(at: StampOptions['at'], clock: () => number): number {
  if (at === undefined) return clock();
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`Not a time: ${String(at)}`);
  return ms;
}

/** What Salesforce derives from StageName: IsClosed / IsWon, and LastStageChangeDate when it changed. */
function applyStage(record: FakeRecord, at: string, previousStage: unknown, given: Record<string, unknown>): void {
  const stage = record.StageName;
  record.IsWon = stage === 'Closed Won';
  record.IsClosed = stage === 'Closed Won' || stage === 'Closed Lost';
  // A seed may say when the stage changed (history before the test); otherwise it changed now.
  if (given.LastStageChangeDate !== undefined) record.LastStageChangeDate = given.LastStageChangeDate;
  else if (stage !== previousStage) record.LastStageChangeDate = at;
}
