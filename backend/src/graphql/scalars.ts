import { GraphQLJSON } from 'graphql-scalars';

/**
 * `JSON`: any JSON value (playbook definitions, step input/output). `DateTime` is Nest's built-in
 * ISO-8601 scalar, used automatically for `Date` fields. Use `@Field(() => JSONScalar)`.
 */
export const JSONScalar = GraphQLJSON;
