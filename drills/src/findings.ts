/**
 * What the drills found, for docs/reliability.md (which is regenerated, so the record lives here):
 * gaps closed with the change that closed them and its test, and gaps left open with what limits
 * them and what would close them.
 */
export interface Finding {
  drill: number;
  found: string;
  /** The change and where it is tested; absent while the gap is open. */
  fixed?: string;
  /** For an open gap: what limits it and what would close it. */
  open?: string;
}

export const FINDINGS: readonly Finding[] = [
  {
    drill: 4,
    found: 'A call whose `sentAt` and timestamp lie at the ends of the date range (each a valid ISO date) made the clock-skew correction produce no date at all: a `track` call answered 500, other calls were stored with an invalid timestamp.',
    fixed: 'Refused with 400 `sentAt: is too far from the timestamp to correct the clock skew` (`backend/src/ingest/segment/parse-segment-request.ts`; test in `parse-segment-request.test.ts`).',
  },
  {
    drill: 4,
    found: 'A GraphQL `query` that is JSON (`5`, `"null"`, a JSON AST) reached graphql-js as the document itself — Mercurius falls back to parsing the text as a JSON AST — and failed inside validation: `INTERNAL_SERVER_ERROR`.',
    fixed: 'A preParsing hook refuses JSON with 400 "The query must be GraphQL text, not JSON" (`backend/src/graphql/request-limits.ts`; tests in `request-limits.test.ts`, `backend/test/graphql-limits.test.ts`).',
  },
  {
    drill: 8,
    found: 'No alias limit: one request with 1,000 aliases ran 1,000 resolvers. No token limit: a 60,000-field document was parsed and validated until graphql-js gave up with "Validation aborted.".',
    fixed: 'At most 50 aliases (a validation rule) and 10,000 tokens (the parser’s `maxTokens`), each refused with 400 naming the limit (`request-limits.ts`; tests as above).',
  },
  {
    drill: 8,
    found: 'Introspection (`__schema`, `__type`) was answered with NODE_ENV=production (GraphiQL was already off).',
    fixed: 'graphql-js’ `NoSchemaIntrospectionCustomRule` when NODE_ENV=production; `__typename` still works (`request-limits.ts`; `graphql-limits.test.ts` starts an API in production mode).',
  },
  {
    drill: 8,
    found: 'graphql-ws: a socket that never sent `connection_init` stayed open for ever (Mercurius has no initialisation timeout), and a subscribe before it, a second `connection_init` or a refused token ended without the protocol’s close codes.',
    fixed: 'A guard on every websocket route closes them with 4408 after 3 s, 4401, 4429 and 4403 (`backend/src/graphql/graphql-ws-guard.ts`, installed in `app.factory.ts`; tests in `graphql-limits.test.ts`).',
  },
  {
    drill: 5,
    found: 'Liquid’s `increment`/`decrement` write to and print the render’s top-level object, which was the run context itself: `{% increment __proto__ %}` printed Object.prototype ("[object Object]"), and `{% increment person %}` replaced the person for the next field of the same step. Nothing reached a function or polluted a prototype.',
    fixed: 'The top level is a prototype-less copy of the context’s own properties (`libs/templates/src/render-template.ts`; test in `render-template.test.ts`).',
  },
  {
    drill: 1,
    found: 'The dev mail catcher died when a worker was SIGKILLed in the middle of an SMTP session: smtp-server re-emits the connection’s ECONNRESET on the server, nobody listened, and the unhandled error ended the catcher — and with it the whole `npm start` stack.',
    fixed: 'The catcher listens for connection errors, logs them and keeps serving (`connectors/email/src/mail-catcher/smtp-listener.ts`; test in `mail-catcher.test.ts` resets a half-sent session).',
  },
  {
    drill: 1,
    found: 'A SIGKILL between the SMTP server’s acceptance of an email and the ledger’s completion of the step sends the email again on retry (the ledger lets a claimed-but-not-completed key act: the first attempt’s outcome is unknown). Both copies carry the same Message-ID, derived from the step key. A few per thousand runs when most kills land during sends (the count of this run is under drill 1).',
    open: 'Exactly-once delivery across SMTP needs the receiver: mail clients drop a copy by its Message-ID, but an SMTP log counts two. Narrowing the window further (completing the ledger in the same request as the send) is not possible across two systems. The short drill in `npm test` kills only between sends; the full drill kills anywhere and reports each copy.',
  },
  {
    drill: 1,
    found: 'A worker killed while an action runs leaves that action to its 2-minute start-to-close timeout before another worker retries it (runs finish, but up to 2 minutes late).',
    fixed: '`executeAction` and `compensateAction` heartbeat every 5 s under a 30 s heartbeat timeout, as the polls do (`workflow-workers/src/activities/heartbeat.ts`, activity options in `workflows/activity-proxies.ts` and `compensation-activities.ts`; test in `heartbeat.test.ts`; the recorded histories still replay).',
  },
  {
    drill: 4,
    found: 'A body over the server’s 4 MB bound is answered 400 from its Content-Length and the connection closed without reading the rest; a client still writing may see a connection reset instead of the answer (TCP discards unread data on close).',
    open: 'Nothing is stored and the process is unaffected; reading and discarding the rest of an oversized body before closing (a lingering close) would let every client see the 400. Segment’s libraries never send more than 500 KB.',
  },
  {
    drill: 6,
    found: 'A replay within the signature window carries a valid signature, so HubSpot and Segment replays are answered 200; Segment’s X-Signature has no timestamp at all.',
    open: 'By design: a replay cannot be told from the vendor’s own retry, so it is deduplicated instead (HubSpot by change id, Segment by messageId, outbound receivers by Idempotency-Key) — the drill checks that nothing is stored twice.',
  },
];
