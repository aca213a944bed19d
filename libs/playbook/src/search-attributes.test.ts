import { runSearchAttributesAtStart, searchAttributeCliArgs } from './search-attributes';

describe('run search attributes', () => {
  it('tags a person run with its contact and, when the trigger knew it, the account', () => {
    expect(
      runSearchAttributesAtStart({
        playbook: { id: 'pb-1', version: 3 },
        subject: { kind: 'person', id: 'person-9' },
        context: { person: { id: 'person-9' }, account: { id: 'acct-2' } },
      }).map(({ name, value }) => [name, value]),
    ).toEqual([
      ['TriplinePlaybookId', 'pb-1'],
      ['TriplinePlaybookVersion', 3],
      ['TriplineContactId', 'person-9'],
      ['TriplineAccountId', 'acct-2'],
      ['TriplineRunStatus', 'pending'],
    ]);
  });

  it('tags an account run with the account only when no person is known', () => {
    const names = runSearchAttributesAtStart({ playbook: { id: 'pb-1', version: 1 }, subject: { kind: 'account', id: 'acct-2' }, context: {} }).map((a) => a.name);
    expect(names).toEqual(['TriplinePlaybookId', 'TriplinePlaybookVersion', 'TriplineAccountId', 'TriplineRunStatus']);
  });

  it('gives the dev server the Name=Type pairs to register', () => {
    expect(searchAttributeCliArgs()).toEqual([
      '--search-attribute', 'TriplinePlaybookId=Keyword',
      '--search-attribute', 'TriplinePlaybookVersion=Int',
      '--search-attribute', 'TriplineAccountId=Keyword',
      '--search-attribute', 'TriplineContactId=Keyword',
      '--search-attribute', 'TriplineRunStatus=Keyword',
    ]);
  });
});
