import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { RUN_SEARCH_ATTRIBUTES } from '@tripline/playbook';

const { IndexedValueType } = temporal.api.enums.v1;

/**
 * Registers the runs' custom search attributes (TriplinePlaybookId, …) on the namespace when any is
 * missing. `npm start` registers them on its dev server; this covers every other Temporal the API is
 * pointed at (docker-compose's auto-setup image has no setting for custom attributes). Without them
 * Temporal refuses to start a run that carries them. Returns the names it added.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.values(RUN_SEARCH_ATTRIBUTES).filter(({ name }) => !(name in (customAttributes ?? {})));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map(({ name, kind }) => [name, kind === 'Int' ? IndexedValueType.INDEXED_VALUE_TYPE_INT : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
  return missing.map(({ name }) => name);
}
