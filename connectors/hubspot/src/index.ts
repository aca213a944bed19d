export { HUBSPOT_REQUESTS_PER_SECOND, hubspotConnector } from './hubspot.connector';
export { HUBSPOT_CONNECTOR_VERSION } from './version';
export { hubspotAuth, testHubSpotConnection } from './auth/hubspot-auth';
export { HUBSPOT_API_BASE_URL, hubspotConfigSchema } from './auth/hubspot-config';
export type { HubSpotConfig } from './auth/hubspot-config';
export { createTaskAction, createTaskInput, createTaskOutput } from './actions/create-task.action';
export type { CreateTaskInput, CreateTaskOutput } from './actions/create-task.action';
export { createNoteAction, createNoteInput, createNoteOutput } from './actions/create-note.action';
export type { CreateNoteInput, CreateNoteOutput } from './actions/create-note.action';
export {
  updateCompanyPropertiesAction,
  updateCompanyPropertiesInput,
  updateContactPropertiesAction,
  updateContactPropertiesInput,
  updatePropertiesOutput,
} from './actions/update-properties';
export type { UpdatePropertiesOutput } from './actions/update-properties';
export { IDEMPOTENCY_OBJECT_TYPES, IDEMPOTENCY_PROPERTY } from './crm/idempotency';
export { ASSOCIATION_TYPE_IDS } from './crm/associations';
export { dailyBudgetOf } from './http/daily-budget';
export type { DailyBudget } from './http/daily-budget';
export { dealStageChangedWebhook, dealStageWebhookOptions } from './triggers/deal-stage-changed.webhook';
export { dealStageChangedPoll, dealStagePollOptions } from './triggers/deal-stage-changed.poll';
export { SIGNATURE_MAX_AGE_MS, signatureV3, signedUri, verifySignatureV3 } from './triggers/webhook-signature';
export { startFakeHubSpot } from './fake-server/fake-hubspot';
export type { FakeHubSpot, FakeHubSpotOptions } from './fake-server/fake-hubspot';
export { dealStageNotification, hubspotWebhookRequest } from './fake-server/webhook-delivery';
