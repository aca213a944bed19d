export { FAKE_PROJECT_ID, FAKE_SERVICE_ACCOUNT, startFakeMixpanel } from './fake-mixpanel';
export type { FakeMixpanel, FakeMixpanelOptions } from './fake-mixpanel';
export { mixpanelEvent } from './fake-events';
export type { StoredEvent } from './fake-events';
export { RATE_LIMIT_MESSAGE, TO_DATE_LATER_THAN_TODAY, UNAUTHORIZED_MESSAGE } from './mixpanel-errors';
