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
export { DEFAULT_RETRY_AFTER_MS, errorFromHttpResponse, parseRetryAfter } from './errors/http-errors';
export type { HttpResponseLike } from './errors/http-errors';
export { apiKeyAuth, apiKeyConfigSchema, basicAuth, basicConfigSchema, defineAuth, noAuth, redactConfig } from './define/auth';
export type { AuthConfig, AuthKind, AuthTestResult, ConnectorAuth } from './define/auth';
export { OUTREACH_CHANNELS, defineAction } from './define/define-action';
export type {
  ActionDefinition,
  ActionEffect,
  ActionRunArgs,
  ActionUndoArgs,
  EmailOutreachHooks,
  OutreachChannel,
  SuppressionReport,
} from './define/define-action';
export { checkRateLimit, defineConnector } from './define/define-connector';
export { definePollingTrigger, defineWebhookTrigger } from './define/define-trigger';
export { applyPoll } from './define/apply-poll';
export type { AppliedPoll } from './define/apply-poll';
export type {
  CrmChangeTriggerItem,
  EventTriggerItem,
  PollArgs,
  PollCheckpoint,
  PollingTriggerDefinition,
  PollResult,
  SegmentShapedCall,
  TriggerDefinition,
  TriggerItem,
  WebhookArgs,
  WebhookRequest,
  WebhookTriggerDefinition,
  WebhookVerification,
} from './define/define-trigger';
export type { ConnectorDefinition, ConnectorRateLimit } from './define/define-connector';
export { inputJsonSchema, outputJsonSchema } from './schema/input-json-schema';
export { parseActionInput, parseConnectionConfig } from './schema/parse';
export { UnknownActionError, UnknownConnectorError, createRegistry } from './registry/connector-registry';
export type { ConnectorRegistry } from './registry/connector-registry';
