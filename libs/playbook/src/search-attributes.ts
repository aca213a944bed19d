/**
 * Custom search attributes of `playbookRun` workflows: the dispatcher sets them when it starts a run,
 * the workflow upserts the status as it changes, and operators filter by them in the Temporal UI
 * (`TriplinePlaybookId = "…" AND TriplineRunStatus = "failed"`). Every Temporal server the runs use must
 * have them registered (`temporal server start-dev --search-attribute Name=Type`, or
 * `temporal operator search-attribute create`). Plain data here: the backend and the workflow bundle
 * each turn it into their SDK's typed keys.
 */
export type SearchAttributeKind = 'Keyword' | 'Int';

export const RUN_SEARCH_ATTRIBUTES = {
  playbookId: { name: 'TriplinePlaybookId', kind: 'Keyword' },
  playbookVersion: { name: 'TriplinePlaybookVersion', kind: 'Int' },
  accountId: { name: 'TriplineAccountId', kind: 'Keyword' },
  contactId: { name: 'TriplineContactId', kind: 'Keyword' },
  runStatus: { name: 'TriplineRunStatus', kind: 'Keyword' },
} as const satisfies Record<string, { name: string; kind: SearchAttributeKind }>;

export type RunSearchAttribute = keyof typeof RUN_SEARCH_ATTRIBUTES;

/** `Name=Type` pairs, as `temporal server start-dev --search-attribute` takes them. */
export function searchAttributeCliArgs(): string[] {
  return Object.values(RUN_SEARCH_ATTRIBUTES).flatMap(({ name, kind }) => ['--search-attribute', `${name}=${kind}`]);
}

/** One search attribute and its value, by the names above. */
export interface RunSearchAttributeValue {
  name: string;
  kind: SearchAttributeKind;
  value: string | number;
}

/**
 * What a run is tagged with when it starts: its playbook and version, the contact (person) and account
 * it is about (a person's account when the trigger knew it), and the status 'pending'.
 */
export function runSearchAttributesAtStart(input: {
  playbook: { id: string; version: number };
  subject: { kind: 'person' | 'account'; id: string };
  context: { person?: { id: string }; account?: { id: string } };
}): RunSearchAttributeValue[] {
  const a = RUN_SEARCH_ATTRIBUTES;
  const contactId = input.subject.kind === 'person' ? input.subject.id : input.context.person?.id;
  const accountId = input.subject.kind === 'account' ? input.subject.id : input.context.account?.id;
  return [
    { ...a.playbookId, value: input.playbook.id },
    { ...a.playbookVersion, value: input.playbook.version },
    ...(contactId ? [{ ...a.contactId, value: contactId }] : []),
    ...(accountId ? [{ ...a.accountId, value: accountId }] : []),
    { ...a.runStatus, value: 'pending' },
  ];
}
