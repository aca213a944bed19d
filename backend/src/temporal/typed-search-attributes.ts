import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { RunSearchAttributeValue } from '@tripline/playbook';

/** The SDK's typed pairs for search attribute values from @tripline/playbook (Keyword → string, Int → number). */
export function typedSearchAttributes(values: RunSearchAttributeValue[]): SearchAttributePair[] {
  return values.map(({ name, kind, value }) =>
    kind === 'Int'
      ? { key: defineSearchAttributeKey(name, SearchAttributeType.INT), value: Number(value) }
      : { key: defineSearchAttributeKey(name, SearchAttributeType.KEYWORD), value: String(value) },
  );
}
