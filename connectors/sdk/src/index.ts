export {
  AuthError,
  ConnectorError,
  InvalidInputError,
  NonRetryableError,
  RateLimitedError,
  RetryableError,
  isConnectorError,
} from './errors/connector-errors';
export type { ConnectorErrorKind, InputIssue, TaxonomyError } from './errors/connector-errors';
export { classifyError, formatIssues } from './errors/classify-error';
export { apiKeyAuth, apiKeyConfigSchema, basicAuth, basicConfigSchema, defineAuth, noAuth, redactConfig } from './define/auth';
export type { AuthConfig, AuthKind, AuthTestResult, ConnectorAuth } from './define/auth';
export { defineAction } from './define/define-action';
export type { ActionDefinition, ActionEffect, ActionRunArgs } from './define/define-action';
export { defineConnector } from './define/define-connector';
export type { ConnectorDefinition } from './define/define-connector';
export { inputJsonSchema, outputJsonSchema } from './schema/input-json-schema';
export { parseActionInput, parseConnectionConfig } from './schema/parse';
export { UnknownActionError, UnknownConnectorError, createRegistry } from './registry/connector-registry';
export type { ConnectorRegistry } from './registry/connector-registry';
