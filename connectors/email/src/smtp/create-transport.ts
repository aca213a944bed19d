import nodemailer from 'nodemailer';
import type { SmtpConfig } from './smtp-config';

/**
 * One transporter per send, no pooling: a step sends one message, and a fresh connection means a
 * retry never reuses a half-broken socket. Timeouts keep a stuck server from holding the activity
 * until its start-to-close timeout.
 */
export function createSmtpTransport(config: SmtpConfig) {
  return nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure ?? false,
    ignoreTLS: config.ignoreTLS ?? false,
    auth: config.username ? { user: config.username, pass: config.password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Message content comes from templates people write: never let it pull in local files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  });
}
