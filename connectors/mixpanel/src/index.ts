export { MIXPANEL_EXPORT_QUERIES_PER_SECOND, mixpanelConnector } from './mixpanel.connector';
export { MIXPANEL_CONNECTOR_VERSION } from './version';
export { mixpanelAuth } from './connection/mixpanel-auth';
export { EXPORT_HOSTS, exportBaseUrl, mixpanelConfigSchema } from './connection/mixpanel-config';
export type { MixpanelConfig, MixpanelRegion } from './connection/mixpanel-config';
export { exportEventsTrigger } from './poll/export-events.trigger';
export { exportEventsOptionsSchema } from './poll/export-events-options';
export type { ExportEventsOptions } from './poll/export-events-options';
export { MIXPANEL_DEFAULT_RETRY_AFTER_MS } from './export/export-errors';
export { toEventItem, fallbackId } from './events/to-event-item';
export { MIXPANEL_NAMESPACE } from './events/event-properties';
// The local fake of Mixpanel's export API, for tests in other packages (e.g. a worker restart test).
export { FAKE_PROJECT_ID, FAKE_SERVICE_ACCOUNT, mixpanelEvent, startFakeMixpanel } from './fake-server';
export type { FakeMixpanel, FakeMixpanelOptions, StoredEvent } from './fake-server';
