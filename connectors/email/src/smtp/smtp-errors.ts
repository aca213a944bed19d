import {
  AuthError,
  type TaxonomyError,
  NonRetryableError,
  RetryableError,
  classifyError,
} from '@tripline/connector-sdk';

interface NodemailerError {
  message: string;
  code?: string;
  responseCode?: number;
  command?: string;
}

// nodemailer's codes for "the server could not be reached or the connection broke".
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']);
// 530 "authentication required", 535 "credentials invalid".
const AUTH_REPLY_CODES = new Set([530, 535]);

/**
 * SMTP failures in the connector taxonomy. The reply code decides: 4xx is temporary by
 * definition (RFC 5321), 5xx permanent, 530/535 means the credentials are wrong.
 */
export function toConnectorError(error: unknown): TaxonomyError {
  if (typeof error !== 'object' || error === null) return classifyError(error);
  const { message, code, responseCode, command } = error as NodemailerError;
  const during = command ? ` (during ${command})` : '';

  if (responseCode !== undefined && AUTH_REPLY_CODES.has(responseCode)) {
    return new AuthError(`The SMTP server refused the credentials${during}: ${message}`, { cause: error });
  }
  if (code === 'EAUTH' && (responseCode === undefined || responseCode >= 500)) {
    return new AuthError(`SMTP authentication failed${during}: ${message}`, { cause: error });
  }
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
    return new RetryableError(`The SMTP server replied with a temporary error${during}: ${message}`, { cause: error });
  }
  if (responseCode !== undefined && responseCode >= 500) {
    return new NonRetryableError(`The SMTP server rejected the message${during}: ${message}`, { cause: error });
  }
  if (code && CONNECTION_CODES.has(code)) {
    return new RetryableError(`Could not talk to the SMTP server (${code}): ${message}`, { cause: error });
  }
  if (code === 'ETLS' || code === 'EENVELOPE' || code === 'EMESSAGE') {
    return new NonRetryableError(`SMTP ${code}: ${message}`, { cause: error });
  }
  return classifyError(error);
}
