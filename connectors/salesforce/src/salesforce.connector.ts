import { defineConnector } from '@tripline/connector-sdk';
import { createTaskAction } from './actions/create-task.action';
import { getApiUsageAction } from './actions/get-api-usage.action';
import { updateOpportunityAction } from './actions/update-opportunity.action';
import { updateRecordFieldAction } from './actions/update-record-field.action';
import { salesforceAuth } from './auth/salesforce-auth';
import { opportunityStageChangedTrigger } from './triggers/opportunity-stage.trigger';

/** The package version; a playbook step records the version it was built with. */
export const SALESFORCE_CONNECTOR_VERSION = '0.1.0';

/**
 * Salesforce has no per-second REST limit: it counts calls against a rolling 24-hour allocation per
 * org (Enterprise: 100,000 + 1,000 per license) and caps long-running concurrent requests. The
 * allocation is guarded by `Sforce-Limit-Info` (see the client's budget check); this rate smooths
 * bursts — a playbook enrolling thousands of deals at once — so they spread over minutes instead of
 * spending a large share of the day's calls in seconds. TRIPLINE_SALESFORCE_RATE_PER_SECOND overrides it.
 */
export const SALESFORCE_ACTIONS_PER_SECOND = 5;

export const salesforceConnector = defineConnector({
  name: 'salesforce',
  version: SALESFORCE_CONNECTOR_VERSION,
  displayName: 'Salesforce',
  auth: salesforceAuth,
  actions: [createTaskAction, updateRecordFieldAction, updateOpportunityAction, getApiUsageAction],
  triggers: [opportunityStageChangedTrigger],
  rateLimit: { perSecond: SALESFORCE_ACTIONS_PER_SECOND },
});
