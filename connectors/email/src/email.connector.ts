import { defineConnector } from '@tripline/connector-sdk';
import { sendEmailAction } from './send/send-email.action';
import { smtpAuth } from './smtp/smtp-auth';

export const emailConnector = defineConnector({
  name: 'email',
  version: '0.1.0',
  displayName: 'Email (SMTP)',
  auth: smtpAuth,
  actions: [sendEmailAction],
});
