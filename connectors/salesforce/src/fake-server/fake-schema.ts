/** What the fake knows of each object: its key prefix, fields, which are read-only, references and types. */
export type FakeObjectType = 'User' | 'Account' | 'Contact' | 'Lead' | 'Opportunity' | 'Task';

export type FieldType = 'id' | 'string' | 'number' | 'boolean' | 'date' | 'dateTime' | 'reference';

export interface ObjectSchema {
  keyPrefix: string;
  fields: Record<string, FieldType>;
  /** Set by Salesforce, refused in a create or update body. */
  readOnly: ReadonlySet<string>;
  required: readonly string[];
  /** External ID fields: what upserts (PATCH sobjects/<object>/<field>/<value>) may key on. */
  externalIds: ReadonlySet<string>;
}

const SYSTEM_FIELDS: Record<string, FieldType> = {
  Id: 'id',
  IsDeleted: 'boolean',
  CreatedDate: 'dateTime',
  CreatedById: 'reference',
  LastModifiedDate: 'dateTime',
  LastModifiedById: 'reference',
  SystemModstamp: 'dateTime',
};
const SYSTEM_READ_ONLY = Object.keys(SYSTEM_FIELDS);

export interface CustomFields {
  fields?: Partial<Record<FakeObjectType, Record<string, FieldType>>>;
  externalIds?: Partial<Record<FakeObjectType, string[]>>;
}

/** Custom fields a demo org of Tripline has (the connector's defaults use them). */
export const DEFAULT_CUSTOM_FIELDS: Required<CustomFields> = {
  fields: {
    Lead: { Product_Engagement_Score__c: 'number' },
    Contact: { Product_Engagement_Score__c: 'number' },
    Opportunity: { Loss_Reason__c: 'string' },
    Task: { Tripline_Key__c: 'string' },
  },
  externalIds: { Task: ['Tripline_Key__c'] },
};

export function buildSchemas(custom: CustomFields = DEFAULT_CUSTOM_FIELDS): Record<FakeObjectType, ObjectSchema> {
  const define = (
    type: FakeObjectType,
    keyPrefix: string,
    fields: Record<string, FieldType>,
    readOnly: string[] = [],
    required: string[] = [],
  ): ObjectSchema => ({
    keyPrefix,
    fields: { ...SYSTEM_FIELDS, ...fields, ...(custom.fields?.[type] ?? {}) },
    readOnly: new Set([...SYSTEM_READ_ONLY, ...readOnly]),
    required,
    externalIds: new Set(custom.externalIds?.[type] ?? []),
  });
  return {
    User: define('User', '005', { Username: 'string', Name: 'string', Email: 'string', IsActive: 'boolean' }),
    Account: define('Account', '001', { Name: 'string', Website: 'string', Industry: 'string', OwnerId: 'reference' }, [], ['Name']),
    Contact: define(
      'Contact',
      '003',
      { FirstName: 'string', LastName: 'string', Email: 'string', Title: 'string', AccountId: 'reference', OwnerId: 'reference' },
      [],
      ['LastName'],
    ),
    Lead: define(
      'Lead',
      '00Q',
      { FirstName: 'string', LastName: 'string', Company: 'string', Email: 'string', Status: 'string', OwnerId: 'reference' },
      [],
      ['LastName', 'Company'],
    ),
    Opportunity: define(
      'Opportunity',
      '006',
      {
        Name: 'string',
        StageName: 'string',
        Amount: 'number',
        Probability: 'number',
        CloseDate: 'date',
        NextStep: 'string',
        Description: 'string',
        AccountId: 'reference',
        ContactId: 'reference',
        OwnerId: 'reference',
        IsClosed: 'boolean',
        IsWon: 'boolean',
        LastStageChangeDate: 'dateTime',
      },
      ['IsClosed', 'IsWon', 'LastStageChangeDate', 'ContactId'],
      ['Name', 'StageName', 'CloseDate'],
    ),
    Task: define('Task', '00T', {
      Subject: 'string',
      Description: 'string',
      WhoId: 'reference',
      WhatId: 'reference',
      OwnerId: 'reference',
      ActivityDate: 'date',
      Status: 'string',
      Priority: 'string',
      IsClosed: 'boolean',
    }, ['IsClosed']),
  };
}

/** The schema's own spelling of a field (API names are case-insensitive), or undefined. */
export function canonicalField(schema: ObjectSchema, name: string): string | undefined {
  return Object.keys(schema.fields).find((field) => field.toLowerCase() === name.toLowerCase());
}

/** "Account" → "AccountId", "Who" → "WhoId": the reference field a relationship name stands for. */
export function relationshipField(schema: ObjectSchema, relationship: string): string | undefined {
  const field = canonicalField(schema, `${relationship}Id`);
  return field && schema.fields[field] === 'reference' ? field : undefined;
}
