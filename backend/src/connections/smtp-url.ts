/** The email connector's SMTP config (connectors/email/src/smtp/smtp-config.ts). */
export interface SmtpConnectionConfig {
  host: string;
  port: number;
  secure: boolean;
  username?: string;
  password?: string;
  from: string;
}

export const DEFAULT_FROM = 'Tripline <tripline@localhost>';

/**
 * Reads `smtp://[user[:password]@]host[:port][?from=...]` (or smtps:// for TLS from the first byte)
 * into an email connection config. Errors never repeat the URL: it may hold a password.
 */
export function smtpConfigFromUrl(url: string): SmtpConnectionConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('TRIPLINE_DEFAULT_SMTP_URL is not a URL; expected smtp://[user:password@]host[:port]');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new Error(`TRIPLINE_DEFAULT_SMTP_URL must start with smtp:// or smtps:// (got ${parsed.protocol}//)`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error('TRIPLINE_DEFAULT_SMTP_URL has no host; expected smtp://[user:password@]host[:port]');
  const secure = parsed.protocol === 'smtps:';
  const config: SmtpConnectionConfig = {
    host,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    from: parsed.searchParams.get('from') || DEFAULT_FROM,
  };
  if (parsed.username) config.username = decodeURIComponent(parsed.username);
  if (parsed.password) config.password = decodeURIComponent(parsed.password);
  if (config.username && !config.password) {
    throw new Error('TRIPLINE_DEFAULT_SMTP_URL names a user but no password; expected smtp://user:password@host:port');
  }
  return config;
}
