import { classifyError, defineAuth } from '@tripline/connector-sdk';
import { requestExport } from '../export/request-export';
import { dayOf } from '../time/project-days';
import { mixpanelConfigSchema } from './mixpanel-config';

/**
 * Service-account auth. The check is the cheapest call that proves both the credentials and the
 * project access the trigger needs: today's export, limited to one event, read and dropped. It counts
 * against the project's 60 export queries an hour like any other.
 */
export const mixpanelAuth = defineAuth({
  kind: 'basic',
  config: mixpanelConfigSchema,
  secretFields: ['secret'],
  async test(config) {
    const today = dayOf(Date.now(), config.projectTimezone);
    try {
      const body = await requestExport(config, { fromDate: today, toDate: today, limit: 1 });
      for await (const _chunk of body) {
        // Read to the end so the connection is released; the event itself is not needed.
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, message: classifyError(error).message };
    }
  },
});
