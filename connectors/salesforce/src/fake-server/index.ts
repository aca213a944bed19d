export { createFakeSalesforce, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_REFRESH_TOKEN } from './fake-salesforce';
export type { FakeSalesforce, FakeSalesforceOptions } from './fake-salesforce';
export { FakeOrg } from './fake-org';
export type { FakeRecord, FakeOrgOptions, StampOptions } from './fake-org';
export type { FakeObjectType, FieldType, CustomFields } from './fake-schema';
export { parseSoql } from './fake-soql';
