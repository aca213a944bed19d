import { defineConnector } from '@tripline/connector-sdk';
import { createNoteAction } from './actions/create-note.action';
import { createTaskAction } from './actions/create-task.action';
import { updateCompanyPropertiesAction, updateContactPropertiesAction } from './actions/update-properties';
import { hubspotAuth } from './auth/hubspot-auth';
import { dealStageChangedPoll } from './triggers/deal-stage-changed.poll';
import { dealStageChangedWebhook } from './triggers/deal-stage-changed.webhook';
import { HUBSPOT_CONNECTOR_VERSION } from './version';

/**
 * HubSpot allows 100 requests per 10 seconds per app (Free/Starter private apps; more on higher
 * tiers): ten activities a second across every worker. The daily allowance is tracked from
 * HubSpot's headers (http/daily-budget.ts).
 */
export const HUBSPOT_REQUESTS_PER_SECOND = 10;

export const hubspotConnector = defineConnector({
  name: 'hubspot',
  version: HUBSPOT_CONNECTOR_VERSION,
  displayName: 'HubSpot',
  auth: hubspotAuth,
  actions: [createTaskAction, createNoteAction, updateContactPropertiesAction, updateCompanyPropertiesAction],
  triggers: [dealStageChangedWebhook, dealStageChangedPoll],
  rateLimit: { perSecond: HUBSPOT_REQUESTS_PER_SECOND },
});
