import { defineAuth } from '@tripline/connector-sdk';
import { createSmtpTransport } from './create-transport';
import { smtpConfigSchema } from './smtp-config';
import { toConnectorError } from './smtp-errors';

/** SMTP connection: host, port, optional login; `test` connects and logs in without sending. */
export const smtpAuth = defineAuth({
  kind: 'smtp',
  config: smtpConfigSchema,
  secretFields: ['password'],
  async test(config) {
    const transport = createSmtpTransport(config);
    try {
      await transport.verify();
      return { ok: true };
    } catch (error) {
      return { ok: false, message: toConnectorError(error).message };
    } finally {
      transport.close();
    }
  },
});
