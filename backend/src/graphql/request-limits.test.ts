import { buildSchema, parse, validate } from 'graphql';
import { GraphqlRequestError, graphqlValidationRules, maxAliasesRule, refuseJsonDocuments } from './request-limits';

const schema = buildSchema('type Query { me: String, other: Int }');
const errorsOf = (query: string, production = false) => validate(schema, parse(query), graphqlValidationRules(production)).map((e) => e.message);

describe('GraphQL request limits', () => {
  it('counts aliases across the whole document', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me`).join(' ')} }`;
    expect(validate(schema, parse(aliases(3)), [maxAliasesRule(3)])).toEqual([]);
    expect(validate(schema, parse(aliases(4)), [maxAliasesRule(3)]).map((e) => e.message)).toEqual(['The query uses 4 aliases; at most 3 are allowed']);
    expect(errorsOf(aliases(51))).toEqual(['The query uses 51 aliases; at most 50 are allowed']);
    expect(errorsOf('{ me other }')).toEqual([]);
  });

  it('refuses introspection in production only; __typename stays allowed', () => {
    expect(errorsOf('{ __schema { queryType { name } } }')).toEqual([]);
    expect(errorsOf('{ __schema { queryType { name } } }', true)[0]).toContain('introspection has been disabled, but the requested query contained the field "__schema"');
    expect(errorsOf('{ __type(name: "Query") { name } }', true)[0]).toContain('introspection has been disabled, but the requested query contained the field "__type"');
    expect(errorsOf('{ __typename me }', true)).toEqual([]);
  });

  it.each(['5', '"text"', '[1,2]', 'null', 'true', ' false ', '{"kind":"Document","definitions":[]}', '{ "kind": "Document" }', '{}'])('refuses the JSON %s where GraphQL text belongs', (source) => {
    expect(() => refuseJsonDocuments(undefined, source)).toThrow(GraphqlRequestError);
    expect(() => refuseJsonDocuments(undefined, source)).toThrow('The query must be GraphQL text, not JSON');
  });

  it.each(['{ me }', 'query Q { me }', '{ "me" }', '[not json', 'true_name', '# comment\n{ me }'])('leaves %j to the GraphQL parser', (source) => {
    expect(() => refuseJsonDocuments(undefined, source)).not.toThrow();
  });
});
