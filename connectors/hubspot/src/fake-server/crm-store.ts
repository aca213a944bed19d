import type { PropertyProblem } from './hubspot-error-bodies';
import {
  ASSOCIATION_TARGETS,
  DATETIME_PROPERTIES,
  ENUMERATIONS,
  STANDARD_PROPERTIES,
  SYSTEM_PROPERTIES,
  type FakeObjectType,
} from './property-definitions';

export interface HistoryEntry {
  value: string;
  /** Epoch ms. */
  timestamp: number;
  sourceType: string;
}

export interface StoredRecord {
  id: string;
  type: FakeObjectType;
  /** Newest first, like HubSpot's propertiesWithHistory. */
  history: Map<string, HistoryEntry[]>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  associations: { type: FakeObjectType; id: string; associationTypeId: number }[];
}

export class StoreError extends Error {
  constructor(
    readonly kind: 'notFound' | 'invalidProperties' | 'invalidAssociations',
    readonly problems: PropertyProblem[] = [],
    message: string = kind,
  ) {
    super(message);
  }
}

/**
 * The fake portal's CRM: records with per-property history (so `propertiesWithHistory` and
 * "restore the previous value" can be checked), custom property definitions, owners and
 * associations. Times come from `now()` unless a seed gives its own.
 */
export class CrmStore {
  private readonly records = new Map<string, StoredRecord>();
  private readonly custom = new Map<FakeObjectType, Set<string>>();
  private nextId = 1001;

  constructor(
    private readonly now: () => number,
    readonly owners: Set<string>,
  ) {}

  /** Creates a custom property (as an admin would in settings, or POST /crm/v3/properties/{type}). */
  defineProperty(type: FakeObjectType, name: string): void {
    const names = this.custom.get(type) ?? new Set<string>();
    names.add(name);
    this.custom.set(type, names);
  }

  hasProperty(type: FakeObjectType, name: string): boolean {
    return STANDARD_PROPERTIES[type].includes(name) || (this.custom.get(type)?.has(name) ?? false);
  }

  get(type: FakeObjectType, id: string): StoredRecord | undefined {
    const record = this.records.get(id);
    return record && record.type === type && !record.archived ? record : undefined;
  }

  all(type: FakeObjectType): StoredRecord[] {
    return [...this.records.values()].filter((record) => record.type === type && !record.archived);
  }

  /** The current value of a property ('' and absent read as null). */
  value(record: StoredRecord, name: string): string | null {
    const current = record.history.get(name)?.[0]?.value;
    return current === undefined || current === '' ? null : current;
  }

  create(
    type: FakeObjectType,
    properties: Record<string, unknown>,
    options: { at?: number; associations?: { to?: { id?: unknown }; types?: { associationTypeId?: unknown }[] }[]; sourceType?: string } = {},
  ): StoredRecord {
    const at = options.at ?? this.now();
    const clean = this.validate(type, properties, { requireTimestamp: type === 'tasks' || type === 'notes' });
    const associations = this.validateAssociations(type, options.associations ?? []);
    const id = String(this.nextId++);
    const record: StoredRecord = { id, type, history: new Map(), createdAt: at, updatedAt: at, archived: false, associations };
    this.records.set(id, record);
    const system: Record<string, string> = { hs_object_id: id, hs_createdate: iso(at), hs_lastmodifieddate: iso(at) };
    if (type === 'contacts' || type === 'companies' || type === 'deals') system.createdate = iso(at);
    if (type === 'contacts') system.lastmodifieddate = iso(at);
    if (type === 'deals' && clean.dealstage) system.hs_v2_date_entered_current_stage = iso(at);
    this.write(record, { ...clean, ...system }, at, options.sourceType ?? 'API');
    return record;
  }

  update(type: FakeObjectType, id: string, properties: Record<string, unknown>, options: { at?: number; sourceType?: string } = {}): StoredRecord {
    const record = this.get(type, id);
    if (!record) throw new StoreError('notFound');
    const at = options.at ?? this.now();
    const clean = this.validate(type, properties, { requireTimestamp: false });
    const changes: Record<string, string> = {};
    for (const [name, value] of Object.entries(clean)) if ((this.value(record, name) ?? '') !== value) changes[name] = value;
    // HubSpot stamps hs_lastmodifieddate on every update, a stage change also the stage entry time.
    const system: Record<string, string> = { hs_lastmodifieddate: iso(at) };
    if (type === 'contacts') system.lastmodifieddate = iso(at);
    if (type === 'deals' && 'dealstage' in changes) system.hs_v2_date_entered_current_stage = iso(at);
    this.write(record, { ...changes, ...system }, at, options.sourceType ?? 'API');
    record.updatedAt = at;
    return record;
  }

  archive(type: FakeObjectType, id: string): void {
    const record = this.get(type, id);
    if (!record) throw new StoreError('notFound');
    record.archived = true;
  }

  private write(record: StoredRecord, values: Record<string, string>, at: number, sourceType: string): void {
    for (const [name, value] of Object.entries(values)) {
      const entries = record.history.get(name) ?? [];
      entries.unshift({ value, timestamp: at, sourceType: SYSTEM_PROPERTIES.has(name) ? 'CALCULATED' : sourceType });
      record.history.set(name, entries);
    }
  }

  /** HubSpot's checks on written properties: they exist, enumerations and owners are known, dates parse. */
  private validate(type: FakeObjectType, properties: Record<string, unknown>, options: { requireTimestamp: boolean }): Record<string, string> {
    const problems: PropertyProblem[] = [];
    const clean: Record<string, string> = {};
    for (const [name, raw] of Object.entries(properties)) {
      if (!this.hasProperty(type, name)) {
        problems.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
        continue;
      }
      if (SYSTEM_PROPERTIES.has(name)) continue;
      let value = raw === null || raw === undefined ? '' : String(raw);
      const options = ENUMERATIONS[name];
      if (value !== '' && options && !options.includes(value)) {
        problems.push({ name, error: 'INVALID_OPTION', message: `${value} was not one of the allowed options: [${options.join(', ')}]` });
        continue;
      }
      if (name === 'hubspot_owner_id' && value !== '' && !this.owners.has(value)) {
        problems.push({ name, error: 'INVALID_OWNER_ID', message: `${value} is not a valid owner id` });
        continue;
      }
      if (DATETIME_PROPERTIES.has(name) && value !== '') {
        const at = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
        if (Number.isNaN(at)) {
          problems.push({ name, error: 'INVALID_DATE', message: `${value} is not a valid datetime (epoch milliseconds or ISO 8601)` });
          continue;
        }
        value = iso(at);
      }
      clean[name] = value;
    }
    if (options.requireTimestamp && !clean.hs_timestamp) {
      problems.push({ name: 'hs_timestamp', error: 'REQUIRED_PROPERTY', message: 'hs_timestamp is required' });
    }
    if (problems.length > 0) throw new StoreError('invalidProperties', problems);
    return clean;
  }

  private validateAssociations(
    type: FakeObjectType,
    given: { to?: { id?: unknown }; types?: { associationTypeId?: unknown }[] }[],
  ): StoredRecord['associations'] {
    const targets = ASSOCIATION_TARGETS[type] ?? {};
    const associations: StoredRecord['associations'] = [];
    for (const association of given) {
      const id = String(association.to?.id ?? '');
      for (const kind of association.types ?? []) {
        const typeId = Number(kind.associationTypeId);
        const targetType = targets[typeId];
        if (!targetType || !this.get(targetType, id)) {
          throw new StoreError('invalidAssociations', [], `One or more associations are invalid: ${type} → ${id} (association type ${String(kind.associationTypeId)})`);
        }
        associations.push({ type: targetType, id, associationTypeId: typeId });
      }
    }
    return associations;
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
