// What `npm start` prints once everything is up: where to click, how to log in, how to send an event.
import { colours } from './console.mjs';
import { publicUrls } from './stack-config.mjs';

/** A shell-safe single-quoted string. */
const shellQuote = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;

/**
 * A ready-to-paste request: identify a person (with an email address), then track "Demo Requested",
 * the trigger of the starter playbook, so a published starter runs and its email reaches the mailbox.
 */
export function sampleEventCurl(apiUrl, writeKey) {
  const batch = {
    batch: [
      { type: 'identify', userId: 'user-1', traits: { email: 'ada@example.com', firstName: 'Ada' } },
      { type: 'track', userId: 'user-1', event: 'Demo Requested', properties: { source: 'pricing page' } },
    ],
  };
  return [
    `curl -u ${shellQuote(`${writeKey}:`)} ${apiUrl}/v1/batch \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(batch))}`,
  ].join('\n');
}

function box(rows) {
  const width = Math.max(...rows.map((row) => row.length));
  const line = '─'.repeat(width + 2);
  return [`┌${line}┐`, ...rows.map((row) => `│ ${row.padEnd(width)} │`), `└${line}┘`].join('\n');
}

/** The banner text. Secrets that came from the environment are not echoed back. */
export function readyBanner(config, { values, fromEnv }) {
  const urls = publicUrls(config);
  const password = fromEnv.has('adminPassword') ? '(the value of TRIPLINE_ADMIN_PASSWORD)' : values.adminPassword;
  const rows = [
    'Tripline is ready',
    '',
    `Designer      ${urls.designer}`,
    `GraphQL       ${urls.graphql}`,
    `Ingest        ${urls.ingest}  (Segment HTTP API)`,
    `Temporal UI   ${urls.temporalUi}`,
    `Mailbox       ${urls.mailbox}`,
    '',
    `Admin login   ${config.adminEmail}`,
    `Password      ${password}`,
    `Write key     ${values.writeKey}`,
    `Database      ${config.databaseUrl ? 'DATABASE_URL' : `SQLite in ${config.dataDir}`}`,
    `Approvals     ${process.env.TRIPLINE_DEFAULT_APPROVAL_POLICY === 'approver' ? 'one approver per change (default policy)' : 'off until the workspace stores a policy'}`,
  ];
  return [
    colours.green(box(rows)),
    '',
    colours.bold('Send product events (publish the starter playbook in the designer first to watch it run and email):'),
    sampleEventCurl(urls.api, values.writeKey),
    '',
    colours.dim('Press Ctrl-C to stop everything. Data stays in the data folder for the next start.'),
  ].join('\n');
}
