import { defineConnector } from '@tripline/connector-sdk';
import { mixpanelAuth } from './connection/mixpanel-auth';
import { exportEventsTrigger } from './poll/export-events.trigger';
import { MIXPANEL_CONNECTOR_VERSION } from './version';

/**
 * Mixpanel's Raw Event Export allows 60 queries an hour per project: one a minute. Every activity of
 * this connector (a poll, which makes one query) runs on a task queue held to this rate.
 */
export const MIXPANEL_EXPORT_QUERIES_PER_SECOND = 1 / 60;

export const mixpanelConnector = defineConnector({
  name: 'mixpanel',
  version: MIXPANEL_CONNECTOR_VERSION,
  displayName: 'Mixpanel',
  auth: mixpanelAuth,
  actions: [],
  triggers: [exportEventsTrigger],
  rateLimit: { perSecond: MIXPANEL_EXPORT_QUERIES_PER_SECOND },
});
