import { GraphQLError, NoSchemaIntrospectionCustomRule, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * Bounds on one GraphQL document beyond the depth limit (found by the drills, docs/reliability.md):
 * how many aliases, how many tokens, no introspection in production, and GraphQL text only.
 * The designer's largest operation uses a handful of aliases and a few hundred tokens.
 */
export const MAX_QUERY_ALIASES = 50;
export const MAX_QUERY_TOKENS = 10_000;

/** Refuses a document with more than `limit` aliased fields (1,000 aliases = 1,000 resolver calls in one request). */
export function maxAliasesRule(limit: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
      },
      Document: {
        leave() {
          if (aliases > limit) context.reportError(new GraphQLError(`The query uses ${aliases} aliases; at most ${limit} are allowed`));
        },
      },
    };
  };
}

/** Validation rules on top of the specification's: the alias limit, and no introspection in production. */
export function graphqlValidationRules(production: boolean): ValidationRule[] {
  return [maxAliasesRule(MAX_QUERY_ALIASES), ...(production ? [NoSchemaIntrospectionCustomRule] : [])];
}

/** A request refused before parsing, answered 400 like Mercurius' own validation failures. */
export class GraphqlRequestError extends Error {
  readonly statusCode = 400;
  readonly errors: GraphQLError[];

  constructor(message: string) {
    super(message);
    this.errors = [new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })];
  }
}

// What JSON can be that GraphQL text cannot: a list, a string, a number, an object whose first key is quoted, a literal.
const LOOKS_LIKE_JSON = /^\s*(\[|"|-?\d|\{\s*("|\})|(true|false|null)\s*$)/;

/**
 * Mercurius' preParsing hook: when the source does not parse as GraphQL, Mercurius tries it as a JSON
 * AST and runs whatever comes out, so `{"query": "5"}` reached graphql-js as the document 5 and
 * failed inside validation (an internal error). Queries must be GraphQL text.
 */
export function refuseJsonDocuments(_schema: unknown, source: string): void {
  if (!LOOKS_LIKE_JSON.test(source)) return;
  try {
    JSON.parse(source);
  } catch {
    return; // not JSON either: the parser reports the syntax error
  }
  throw new GraphqlRequestError('The query must be GraphQL text, not JSON');
}
