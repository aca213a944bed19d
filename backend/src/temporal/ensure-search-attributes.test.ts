import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { TEMPORAL_CLI } from '../../test/ingest-support/temporal-dev-server';
import { ensureSearchAttributes } from './ensure-search-attributes';

jest.setTimeout(60_000);

const { IndexedValueType } = temporal.api.enums.v1;

describe('ensureSearchAttributes on a real Temporal dev server started without them', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: TEMPORAL_CLI }, ip: '127.0.0.1' } });
  });
  afterAll(async () => env?.teardown());

  it('registers the missing ones with their types, then finds nothing to do', async () => {
    const added = await ensureSearchAttributes(env.connection, 'default');
    expect(added.sort()).toEqual(['TriplineAccountId', 'TriplineContactId', 'TriplinePlaybookId', 'TriplinePlaybookVersion', 'TriplineRunStatus']);
    const { customAttributes } = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(customAttributes).toMatchObject({
      TriplinePlaybookId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      TriplinePlaybookVersion: IndexedValueType.INDEXED_VALUE_TYPE_INT,
      TriplineRunStatus: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    });
    expect(await ensureSearchAttributes(env.connection, 'default')).toEqual([]);
  });
});
