/**
 * Drill 4: ≥ 10,000 malformed, oversized, wrongly typed or hostile request bodies at ingest (/v1/*)
 * and GraphQL, generated from a fixed seed, against the built API in production mode. Every one must
 * be answered as a client error with a clear message (never 5xx), nothing from them may be stored,
 * and the process must never die: the same pid answers afterwards and still ingests a valid call.
 */
import Database from 'better-sqlite3';
import { Checks, type Drill, fmt, pct } from './drill';
import { ApiProcess } from './support/api-process';
import { loginToken } from './support/graphql';
import { hostileGraphqlRequests } from './support/hostile-graphql';
import { hostileIngestRequests, OVER_SERVER_BOUND, type HostileRequest } from './support/hostile-ingest';
import { eachConcurrently, type Exchange, send } from './support/http';

const SEED = 20261123;
const SIZES = { short: { ingest: 800, graphql: 400 }, full: { ingest: 8_000, graphql: 4_000 } };
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);

type Verdict = 'client error (4xx)' | 'client error (GraphQL error in a 200)' | 'client error (closed at the 4 MB bound)' | 'accepted' | 'server error' | 'no answer';

/** What the answer to an ingest request means, and its message. */
function judgeIngest(exchange: Exchange, request: HostileRequest): { verdict: Verdict; message: string } {
  // Past 4 MB the server answers 400 from the Content-Length and closes without reading the rest; a
  // client still writing may get the reset instead of the answer (TCP drops unread data on close).
  if (exchange.networkError && request.kind === OVER_SERVER_BOUND && /EPIPE|ECONNRESET/.test(exchange.networkError)) {
    return { verdict: 'client error (closed at the 4 MB bound)', message: 'the connection was closed at the 4 MB bound' };
  }
  if (exchange.networkError) return { verdict: 'no answer', message: exchange.networkError };
  const body = exchange.json as { error?: unknown; message?: unknown } | undefined;
  const message = String(body?.error ?? body?.message ?? exchange.text).slice(0, 200);
  if (exchange.status >= 500) return { verdict: 'server error', message };
  if (exchange.status >= 400) return { verdict: 'client error (4xx)', message };
  return { verdict: 'accepted', message };
}

/**
 * GraphQL over HTTP answers a request it cannot run with 4xx, and an error raised while executing
 * (a resolver refusing its input) inside a 200 with the error's code: both are client errors when
 * every error carries a client code. INTERNAL_SERVER_ERROR counts as a server error.
 */
function judgeGraphql(exchange: Exchange): { verdict: Verdict; message: string } {
  if (exchange.networkError) return { verdict: 'no answer', message: exchange.networkError };
  const body = exchange.json as { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] } | undefined;
  const errors = body?.errors ?? [];
  const message = String(errors[0]?.message ?? exchange.text).slice(0, 200);
  const internal = errors.some((e) => !CLIENT_CODES.has(e.extensions?.code ?? ''));
  if (exchange.status >= 500 || (errors.length > 0 && internal)) return { verdict: 'server error', message: `${exchange.status} ${errors.map((e) => e.extensions?.code).join(',')}: ${message}` };
  if (exchange.status >= 400) return { verdict: 'client error (4xx)', message };
  if (errors.length > 0 && !body?.data) return { verdict: 'client error (GraphQL error in a 200)', message };
  return { verdict: 'accepted', message: exchange.text.slice(0, 200) };
}

/** A message a person can act on: says something specific, no internals. */
const isClear = (message: string) => message.length >= 8 && !/internal|stack|at \w+ \(|sqlite|typeorm|undefined is not|cannot read prop/i.test(message);

export const hostileRequestsDrill: Drill = {
  number: 4,
  id: 'hostile-requests',
  title: 'Malformed, oversized, wrongly typed and hostile request bodies (ingest and GraphQL)',
  async run({ size, log }) {
    const checks = new Checks();
    const api = new ApiProcess({ env: { NODE_ENV: 'production' } });
    try {
      await api.start();
      const pid = api.pid;
      const token = await loginToken(api.url, api.adminEmail, api.adminPassword);
      const corpus: { target: 'ingest' | 'graphql'; request: HostileRequest }[] = [
        ...hostileIngestRequests(SIZES[size].ingest, SEED, { writeKey: api.writeKey }).map((request) => ({ target: 'ingest' as const, request })),
        ...hostileGraphqlRequests(SIZES[size].graphql, SEED + 1, { token }).map((request) => ({ target: 'graphql' as const, request })),
      ];
      log(`sending ${fmt(corpus.length)} hostile requests (seed ${SEED}) to ${api.url} (NODE_ENV=production)`);
      const verdicts = new Map<Verdict, number>();
      const byKind = new Map<string, { total: number; refused: number }>();
      const findings: string[] = [];
      const unclear: string[] = [];
      const started = Date.now();
      await eachConcurrently(corpus, 6, async ({ target, request }, index) => {
        const exchange = await send(`${api.url}${request.path}`, { method: request.method, headers: request.headers, body: request.body, timeoutMs: 60_000 });
        const { verdict, message } = target === 'ingest' ? judgeIngest(exchange, request) : judgeGraphql(exchange);
        verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
        const kind = `${target}: ${request.kind.replace(/:.*/, '')}`;
        const entry = byKind.get(kind) ?? { total: 0, refused: 0 };
        entry.total += 1;
        const refused = verdict.startsWith('client error');
        if (refused) entry.refused += 1;
        byKind.set(kind, entry);
        if (!refused && findings.length < 20) findings.push(`#${index} ${target} ${request.method} ${request.path} [${request.kind}] → ${exchange.status} ${verdict}: ${message}`);
        if (refused && !isClear(message) && unclear.length < 20) unclear.push(`#${index} [${request.kind}] → ${exchange.status} "${message}"`);
        if ((index + 1) % 2000 === 0) log(`  ${fmt(index + 1)} sent`);
      });
      const seconds = (Date.now() - started) / 1000;
      const total = corpus.length;
      const refused = [...verdicts].filter(([verdict]) => verdict.startsWith('client error')).reduce((sum, [, n]) => sum + n, 0);
      const serverErrors = verdicts.get('server error') ?? 0;
      const accepted = verdicts.get('accepted') ?? 0;
      const unanswered = verdicts.get('no answer') ?? 0;

      checks.check('every hostile request refused as a client error', refused === total, `${fmt(refused)} of ${fmt(total)} (${pct(refused, total)})${findings.length ? `; e.g. ${findings.slice(0, 5).join(' | ')}` : ''}`);
      checks.check('no 5xx (or INTERNAL_SERVER_ERROR)', serverErrors === 0, `${fmt(serverErrors)} server errors`);
      checks.check('no request accepted', accepted === 0, `${fmt(accepted)} accepted`);
      checks.check('every request answered', unanswered === 0, `${fmt(unanswered)} without an answer`);
      checks.check('every refusal has a clear message', unclear.length === 0, unclear.length ? unclear.slice(0, 5).join(' | ') : 'every message names the problem');

      // The process never died: the same pid, healthy, and it still ingests and stores a valid call.
      const health = await send(`${api.url}/healthz`, { method: 'GET' });
      checks.check('the API process never died', api.pid === pid && api.running && api.unexpectedExits.length === 0 && health.status === 200, `pid ${pid} → ${api.pid}, exits: ${api.unexpectedExits.join(', ') || 'none'}, /healthz ${health.status}`);
      const control = await send(`${api.url}/v1/track`, {
        method: 'POST',
        headers: { authorization: api.ingestAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'drill-control', event: 'Drill Control', messageId: 'drill-control-1' }),
      });
      // A call without userId still fails: no prototype payload reached Object.prototype.
      const canary = await send(`${api.url}/v1/track`, { method: 'POST', headers: { authorization: api.ingestAuth, 'content-type': 'application/json' }, body: JSON.stringify({ event: 'Canary' }) });
      const db = new Database(api.sqliteFile, { readonly: true, fileMustExist: true });
      let stored: number;
      let controlStored: number;
      try {
        stored = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
        controlStored = (db.prepare(`SELECT COUNT(*) AS n FROM events WHERE message_id = 'drill-control-1'`).get() as { n: number }).n;
      } finally {
        db.close();
      }
      checks.check('a valid call afterwards is accepted and stored', control.status === 200 && controlStored === 1, `answered ${control.status}, stored ${controlStored}`);
      checks.check('no prototype was polluted (a call without userId is still refused)', canary.status === 400, `answered ${canary.status}: ${canary.text.slice(0, 120)}`);
      checks.check('nothing from the hostile corpus was stored', stored === 1, `${fmt(stored)} events in the database (1 is the control call)`);

      const kinds = [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b));
      return {
        did: `Sent ${fmt(total)} generated hostile requests (seed ${SEED}): ${fmt(SIZES[size].ingest)} to /v1/* and ${fmt(SIZES[size].graphql)} to /graphql, 6 at a time, against the built API with NODE_ENV=production, in ${seconds.toFixed(1)} s.`,
        lost: serverErrors + accepted + unanswered === 0 ? 'nothing: no 5xx, nothing accepted or stored, the process never died' : `${fmt(serverErrors)} server errors, ${fmt(accepted)} accepted, ${fmt(unanswered)} unanswered`,
        figures: [
          ['requests', fmt(total)],
          ['answered 4xx', fmt(verdicts.get('client error (4xx)') ?? 0)],
          ['GraphQL execution errors with a client code (HTTP 200)', fmt(verdicts.get('client error (GraphQL error in a 200)') ?? 0)],
          ['bodies over 4 MB closed by the server before an answer was read', fmt(verdicts.get('client error (closed at the 4 MB bound)') ?? 0)],
          ['5xx / INTERNAL_SERVER_ERROR', fmt(serverErrors)],
          ['accepted', fmt(accepted)],
          ['no answer', fmt(unanswered)],
          ...kinds.map(([kind, entry]): [string, string] => [kind, `${fmt(entry.refused)} / ${fmt(entry.total)} refused`]),
        ],
        checks: checks.list,
        notes: findings.length ? [`First findings: ${findings.join(' | ')}`] : [],
      };
    } finally {
      await api.stop();
      api.removeData();
    }
  },
};
