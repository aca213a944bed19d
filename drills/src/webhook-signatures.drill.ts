/**
 * Drill 6: signature vectors for the three signed webhooks. HubSpot (X-HubSpot-Signature-v3) and
 * Segment (X-Signature) are sent to the real public endpoint POST /v1/webhooks/:connection/:trigger of
 * the built API; Tripline's own outbound signature (X-Tripline-Signature) is made by the real
 * webhook.send action and checked with verifyTriplineSignature, as receivers (and the fake receiver)
 * do. Every tampered byte (body, signature, timestamp, URL), stale or future timestamp, other secret or
 * missing header must be refused (401); a replay of a valid request must store nothing twice.
 */
import { hubspotWebhookRequest, dealStageNotification, signatureV3 } from '@tripline/connector-hubspot';
import { segmentSignature } from '@tripline/connector-segment';
import { parseActionInput } from '@tripline/connector-sdk';
import { sendWebhookAction, verifyTriplineSignature, computeTriplineSignature, webhookConnectionSchema } from '@tripline/connector-webhook';
import { startFakeWebhookReceiver } from '../../connectors/webhook/src/test-support/fake-webhook-receiver';
import { Checks, type Drill, fmt, pct } from './drill';
import { ApiProcess } from './support/api-process';
import { gqlData, loginToken } from './support/graphql';
import { send } from './support/http';
import { SeededRandom } from './support/seeded-random';

const HUBSPOT_SECRET = 'drill-hubspot-app-secret-0123456789';
const SEGMENT_SECRET = 'drill-segment-shared-secret';
const TRIPLINE_SECRET = 'drill-receiver-secret-0123456789';
const FIVE_MINUTES = 5 * 60 * 1000;

/** `bytes` with bit `bit` of byte `index` flipped. */
function flipped(bytes: Buffer, index: number, bit = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ (1 << bit);
  return copy;
}

/** The signature with character `index` replaced by another character of its alphabet. */
function tamperedText(text: string, index: number, alphabet: string): string {
  const current = text[index]!;
  const replacement = alphabet[(alphabet.indexOf(current) + 1) % alphabet.length]!;
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

/** Positions to tamper with: every one in the full drill, a seeded sample in the short one. */
function positions(length: number, size: 'short' | 'full', rng: SeededRandom): number[] {
  const all = Array.from({ length }, (_, i) => i);
  if (size === 'full') return all;
  const picked = new Set([0, length - 1]);
  while (picked.size < Math.min(24, length)) picked.add(rng.int(0, length - 1));
  return [...picked].sort((a, b) => a - b);
}

interface Tally {
  sent: number;
  refused: number;
  accepted: string[];
}
const tally = (): Tally => ({ sent: 0, refused: 0, accepted: [] });

export const webhookSignaturesDrill: Drill = {
  number: 6,
  id: 'webhook-signatures',
  title: 'Webhook signature vectors: HubSpot, Segment, outbound webhook',
  async run({ size, log }) {
    const checks = new Checks();
    const rng = new SeededRandom(6_000);
    const api = new ApiProcess();
    const receiver = await startFakeWebhookReceiver({ secret: TRIPLINE_SECRET, maxPerSecond: 100_000 });
    try {
      await api.start();
      const token = await loginToken(api.url, api.adminEmail, api.adminPassword);
      const connection = async (connector: string, config: Record<string, unknown>) =>
        (await gqlData<{ createConnection: { id: string } }>(api.url, `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, { input: { connector, name: `drill ${connector}`, config } }, token)).createConnection.id;
      const hubspotId = await connection('hubspot', { authType: 'privateApp', accessToken: 'pat-drill-0000', appSecret: HUBSPOT_SECRET, baseUrl: 'http://127.0.0.1:1' });
      const segmentId = await connection('segment', { sharedSecret: SEGMENT_SECRET });
      const hubspotUrl = `${api.url}/v1/webhooks/${hubspotId}/dealStageChanged`;
      const segmentUrl = `${api.url}/v1/webhooks/${segmentId}/webhookDestination`;

      type Stored = { events: { stored: number }; crmChanges: { stored: number } };
      const post = async (url: string, headers: Record<string, string>, body: Buffer) => {
        const answer = await send(url, { method: 'POST', headers, body });
        return { status: answer.status, stored: answer.status === 200 ? (answer.json as Stored).events.stored + (answer.json as Stored).crmChanges.stored : 0, text: answer.text };
      };
      const expectRefused = async (t: Tally, what: string, url: string, headers: Record<string, string>, body: Buffer) => {
        t.sent += 1;
        const answer = await post(url, headers, body);
        if (answer.status === 401) t.refused += 1;
        else if (t.accepted.length < 5) t.accepted.push(`${what} → ${answer.status} ${answer.text.slice(0, 100)}`);
      };

      // HubSpot: a valid delivery first (stored), then every vector.
      log('HubSpot: tampered bytes, URL, timestamps, secrets, replays');
      const hubspot = { tampered: tally(), stale: tally(), other: tally() };
      const request = hubspotWebhookRequest({ secret: HUBSPOT_SECRET, url: hubspotUrl, notifications: [dealStageNotification({ dealId: 901, stage: 'closedwon', occurredAt: Date.now() - 1000 })], timestamp: Date.now() });
      const headers = request.headers as Record<string, string>;
      const valid = await post(hubspotUrl, headers, request.rawBody);
      checks.check('HubSpot: the valid delivery is accepted and stored', valid.status === 200 && valid.stored === 1, `${valid.status}, stored ${valid.stored}`);
      for (const index of positions(request.rawBody.length, size, rng)) await expectRefused(hubspot.tampered, `body byte ${index}`, hubspotUrl, headers, flipped(request.rawBody, index, rng.int(0, 6)));
      const signature = headers['x-hubspot-signature-v3']!;
      const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      // The last base64 character before "=" carries 2 padding bits: changing them decodes to the same bytes but is another string, refused too.
      for (const index of positions(signature.length - 1, size, rng)) await expectRefused(hubspot.tampered, `signature char ${index}`, hubspotUrl, { ...headers, 'x-hubspot-signature-v3': tamperedText(signature, index, base64) }, request.rawBody);
      const stamp = headers['x-hubspot-request-timestamp']!;
      await expectRefused(hubspot.tampered, 'timestamp + 1 ms', hubspotUrl, { ...headers, 'x-hubspot-request-timestamp': String(Number(stamp) + 1) }, request.rawBody);
      await expectRefused(hubspot.tampered, 'X-Forwarded-Host (another URL signed)', hubspotUrl, { ...headers, 'x-forwarded-host': 'evil.example' }, request.rawBody);
      await expectRefused(hubspot.tampered, 'X-Forwarded-Proto https', hubspotUrl, { ...headers, 'x-forwarded-proto': 'https' }, request.rawBody);
      await expectRefused(hubspot.tampered, 'query string added', `${hubspotUrl}?x=1`, headers, request.rawBody);
      for (const offset of [FIVE_MINUTES + 1_000, FIVE_MINUTES + 60_000, 24 * 3600_000, -(FIVE_MINUTES + 1_000)]) {
        const old = hubspotWebhookRequest({ secret: HUBSPOT_SECRET, url: hubspotUrl, notifications: [dealStageNotification({ dealId: 902, stage: 'closedwon', occurredAt: Date.now() })], timestamp: Date.now() - offset });
        await expectRefused(hubspot.stale, `timestamp ${offset > 0 ? 'older' : 'newer'} by ${Math.abs(offset)} ms`, hubspotUrl, old.headers as Record<string, string>, old.rawBody);
      }
      const otherSecret = hubspotWebhookRequest({ secret: `${HUBSPOT_SECRET}x`, url: hubspotUrl, notifications: [dealStageNotification({ dealId: 903, stage: 'closedwon', occurredAt: Date.now() })], timestamp: Date.now() });
      await expectRefused(hubspot.other, 'another secret', hubspotUrl, otherSecret.headers as Record<string, string>, otherSecret.rawBody);
      await expectRefused(hubspot.other, 'no signature', hubspotUrl, { ...headers, 'x-hubspot-signature-v3': '' }, request.rawBody);
      await expectRefused(hubspot.other, 'no timestamp', hubspotUrl, { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature }, request.rawBody);
      await expectRefused(hubspot.other, 'signature v1 style (hex)', hubspotUrl, { ...headers, 'x-hubspot-signature-v3': Buffer.from(signature, 'base64').toString('hex') }, request.rawBody);
      await expectRefused(hubspot.other, 'signed with GET', hubspotUrl, { ...headers, 'x-hubspot-signature-v3': signatureV3({ secret: HUBSPOT_SECRET, method: 'GET', url: hubspotUrl, rawBody: request.rawBody, timestamp: stamp }) }, request.rawBody);
      const hubspotReplays = await Promise.all(Array.from({ length: 5 }, () => post(hubspotUrl, headers, request.rawBody)));

      // Segment: no timestamp in its scheme; tampered bytes, secrets, replays.
      log('Segment: tampered bytes, secrets, replays');
      const segment = { tampered: tally(), other: tally() };
      const segmentBody = Buffer.from(JSON.stringify({ type: 'track', messageId: 'drill-segment-1', userId: 'drill-user', event: 'Drill Signed', properties: { plan: 'pro' }, timestamp: new Date().toISOString() }));
      const segmentHeaders = { 'content-type': 'application/json', 'x-signature': segmentSignature(SEGMENT_SECRET, segmentBody) };
      const segmentValid = await post(segmentUrl, segmentHeaders, segmentBody);
      checks.check('Segment: the valid delivery is accepted and stored', segmentValid.status === 200 && segmentValid.stored === 1, `${segmentValid.status}, stored ${segmentValid.stored}`);
      for (const index of positions(segmentBody.length, size, rng)) await expectRefused(segment.tampered, `body byte ${index}`, segmentUrl, segmentHeaders, flipped(segmentBody, index, rng.int(0, 6)));
      for (const index of positions(40, size, rng)) await expectRefused(segment.tampered, `signature char ${index}`, segmentUrl, { ...segmentHeaders, 'x-signature': tamperedText(segmentHeaders['x-signature'], index, '0123456789abcdef') }, segmentBody);
      await expectRefused(segment.other, 'another secret', segmentUrl, { ...segmentHeaders, 'x-signature': segmentSignature(`${SEGMENT_SECRET}x`, segmentBody) }, segmentBody);
      await expectRefused(segment.other, 'no signature', segmentUrl, { 'content-type': 'application/json' }, segmentBody);
      await expectRefused(segment.other, 'empty signature', segmentUrl, { ...segmentHeaders, 'x-signature': '' }, segmentBody);
      await expectRefused(segment.other, 'SHA-256 instead of SHA-1', segmentUrl, { ...segmentHeaders, 'x-signature': computeTriplineSignature(SEGMENT_SECRET, '', segmentBody) }, segmentBody);
      await expectRefused(segment.other, 'signature of an empty body', segmentUrl, { ...segmentHeaders, 'x-signature': segmentSignature(SEGMENT_SECRET, Buffer.alloc(0)) }, segmentBody);
      const segmentReplays = await Promise.all(Array.from({ length: 5 }, () => post(segmentUrl, segmentHeaders, segmentBody)));

      // Outbound: the real action signs a delivery; receivers verify it with verifyTriplineSignature.
      log('Outbound webhook: the delivery the action signs, tampered, stale, replayed');
      const outbound = { tampered: tally(), stale: tally(), other: tally() };
      const webhookConnection = webhookConnectionSchema.parse({ url: `${receiver.url}/hooks/drill`, secret: TRIPLINE_SECRET, allowPrivateNetworks: true });
      await sendWebhookAction.run({ auth: webhookConnection, input: parseActionInput(sendWebhookAction, { body: { account: 'acme', score: 82 } }), idempotencyKey: 'tripline:drill:webhook:1' });
      const delivered = receiver.requests[0]!;
      const ts = delivered.headers['x-tripline-timestamp'] as string;
      const sig = delivered.headers['x-tripline-signature'] as string;
      const now = Number(ts) * 1000;
      const verifies = (t: Tally, what: string, stamp: string, body: Buffer, signatureHeader: string, at = now) => {
        t.sent += 1;
        const result = verifyTriplineSignature(TRIPLINE_SECRET, stamp, body, signatureHeader, at);
        if (!result.ok) t.refused += 1;
        else if (t.accepted.length < 5) t.accepted.push(what);
      };
      checks.check('Outbound: the delivery verifies', verifyTriplineSignature(TRIPLINE_SECRET, ts, delivered.rawBody, sig, now).ok, `${delivered.rawBody.length} bytes, ${sig.slice(0, 12)}…`);
      for (const index of positions(delivered.rawBody.length, size, rng)) verifies(outbound.tampered, `body byte ${index}`, ts, flipped(delivered.rawBody, index, rng.int(0, 6)), sig);
      for (const index of positions(sig.length - 3, size, rng)) verifies(outbound.tampered, `signature char ${index + 3}`, ts, delivered.rawBody, `v1=${tamperedText(sig.slice(3), index, '0123456789abcdef')}`);
      verifies(outbound.tampered, 'timestamp + 1 s', String(Number(ts) + 1), delivered.rawBody, sig);
      verifies(outbound.tampered, 'timestamp - 1 s', String(Number(ts) - 1), delivered.rawBody, sig);
      for (const offset of [301, 3600, -301]) verifies(outbound.stale, `received ${offset} s later`, ts, delivered.rawBody, sig, now + offset * 1000);
      verifies(outbound.other, 'another secret', ts, delivered.rawBody, `v1=${computeTriplineSignature(`${TRIPLINE_SECRET}x`, ts, delivered.rawBody)}`);
      verifies(outbound.other, 'no signature', ts, delivered.rawBody, '');
      verifies(outbound.other, 'no timestamp', '', delivered.rawBody, sig);
      verifies(outbound.other, 'v0 scheme', ts, delivered.rawBody, sig.replace('v1=', 'v0='));
      verifies(outbound.other, 'milliseconds as timestamp', String(now), delivered.rawBody, `v1=${computeTriplineSignature(TRIPLINE_SECRET, String(now), delivered.rawBody)}`);
      // Replays of the captured request: the receiver answers with its first answer and acts once.
      const replayHeaders = Object.fromEntries(Object.entries(delivered.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)).map(([k, v]) => [k, String(v)]));
      const outboundReplays = await Promise.all(Array.from({ length: 5 }, () => send(`${receiver.url}/hooks/drill`, { method: 'POST', headers: replayHeaders, body: delivered.rawBody })));

      const report = (name: string, t: Tally) => {
        checks.check(`${name}: 100 % refused`, t.refused === t.sent && t.sent > 0, `${fmt(t.refused)} of ${fmt(t.sent)} (${pct(t.refused, t.sent)})${t.accepted.length ? `; accepted: ${t.accepted.join(' | ')}` : ''}`);
        return [name, `${fmt(t.refused)} / ${fmt(t.sent)} refused`] as [string, string];
      };
      const figures: [string, string][] = [
        report('HubSpot tampered (body bytes, signature characters, timestamp, URL)', hubspot.tampered),
        report('HubSpot stale or future timestamp (valid signature)', hubspot.stale),
        report('HubSpot other secret, missing or foreign signature', hubspot.other),
        report('Segment tampered (body bytes, signature characters)', segment.tampered),
        report('Segment other secret, missing or foreign signature', segment.other),
        report('Outbound tampered (body bytes, signature characters, timestamp)', outbound.tampered),
        report('Outbound stale or future timestamp', outbound.stale),
        report('Outbound other secret, missing or foreign signature', outbound.other),
      ];
      const hubspotStoredAgain = hubspotReplays.reduce((n, r) => n + r.stored, 0);
      const segmentStoredAgain = segmentReplays.reduce((n, r) => n + r.stored, 0);
      const outboundActedAgain = receiver.deliveries.length - 1;
      checks.check('HubSpot replays (5, within the window) store nothing twice', hubspotStoredAgain === 0 && hubspotReplays.every((r) => r.status === 200), `answers ${hubspotReplays.map((r) => r.status).join(',')}, stored again ${hubspotStoredAgain}`);
      checks.check('Segment replays (5) store nothing twice', segmentStoredAgain === 0 && segmentReplays.every((r) => r.status === 200), `answers ${segmentReplays.map((r) => r.status).join(',')}, stored again ${segmentStoredAgain}`);
      checks.check('Outbound replays (5) acted on once (Idempotency-Key)', outboundActedAgain === 0 && outboundReplays.every((r) => r.status === 200), `answers ${outboundReplays.map((r) => r.status).join(',')}, deliveries ${receiver.deliveries.length}`);
      figures.push(['HubSpot replays within 5 minutes', `${hubspotReplays.length} answered 200, ${hubspotStoredAgain} stored again (CRM change id dedupe); after 5 minutes: refused as stale (above)`]);
      figures.push(['Segment replays', `${segmentReplays.length} answered 200, ${segmentStoredAgain} stored again (messageId dedupe)`]);
      figures.push(['Outbound replays at the receiver', `${outboundReplays.length} answered with the first answer, ${outboundActedAgain} acted on again (Idempotency-Key)`]);
      const refusals = [hubspot, segment, outbound].flatMap((group) => Object.values(group) as Tally[]);
      const sent = refusals.reduce((n, t) => n + t.sent, 0);
      const refused = refusals.reduce((n, t) => n + t.refused, 0);
      return {
        did: `Sent ${fmt(sent)} forged or stale signature vectors (every ${size === 'full' ? '' : 'sampled '}body byte and signature character tampered, timestamps moved, URL changed, other secrets, missing headers) for HubSpot and Segment through POST /v1/webhooks of the built API and for the outbound webhook through verifyTriplineSignature, plus 5 replays of a valid request each.`,
        lost: refused === sent && hubspotStoredAgain + segmentStoredAgain + outboundActedAgain === 0 ? `nothing: ${fmt(refused)} of ${fmt(sent)} refused, replays stored nothing twice` : `${fmt(sent - refused)} accepted, ${hubspotStoredAgain + segmentStoredAgain + outboundActedAgain} replays acted on`,
        figures,
        checks: checks.list,
        notes: [
          "A replay within the signature's window carries a valid signature, so it cannot be told from the vendor's own retry: it is answered 200 and stored once (HubSpot by change id, Segment by messageId, receivers by Idempotency-Key). Segment's X-Signature has no timestamp, so no Segment request is ever stale.",
        ],
      };
    } finally {
      await receiver.close();
      await api.stop();
      api.removeData();
    }
  },
};
