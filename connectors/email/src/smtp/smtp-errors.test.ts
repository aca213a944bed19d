import { AuthError, NonRetryableError, RetryableError } from '@tripline/connector-sdk';
import { toConnectorError } from './smtp-errors';

const smtpError = (fields: { code?: string; responseCode?: number; command?: string }, message = 'failed') =>
  Object.assign(new Error(message), fields);

describe('toConnectorError', () => {
  it.each([
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, AuthError],
    [{ code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM' }, AuthError],
    [{ code: 'EAUTH' }, AuthError],
    [{ code: 'EAUTH', responseCode: 454 }, RetryableError],
    [{ code: 'EENVELOPE', responseCode: 421 }, RetryableError],
    [{ code: 'EENVELOPE', responseCode: 552 }, NonRetryableError],
    [{ code: 'ECONNECTION' }, RetryableError],
    [{ code: 'ETIMEDOUT' }, RetryableError],
    [{ code: 'ESOCKET' }, RetryableError],
    [{ code: 'ETLS' }, NonRetryableError],
    [{ code: 'EENVELOPE' }, NonRetryableError],
  ])('%j → %p', (fields, expected) => {
    expect(toConnectorError(smtpError(fields))).toBeInstanceOf(expected);
  });

  it('says which SMTP command failed', () => {
    expect(toConnectorError(smtpError({ responseCode: 550, command: 'RCPT TO' }, 'No such user')).message).toBe(
      'The SMTP server rejected the message (during RCPT TO): No such user',
    );
  });
});
