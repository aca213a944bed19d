/**
 * A seeded generator of request bodies the ingest API (/v1/*) must refuse: malformed JSON, the wrong
 * shape, wrongly typed or missing fields, oversized calls and batches, prototype payloads standing in
 * for missing fields, impossible times, and valid bodies without a valid write key. Every body is
 * invalid by construction, so anything but a 4xx is a finding.
 */
import { SeededRandom } from './seeded-random';

export interface HostileRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

type Call = Record<string, unknown>;
const CALL_TYPES = ['track', 'identify', 'group', 'page', 'screen', 'alias'] as const;
type CallType = (typeof CALL_TYPES)[number];

const WRONG_OBJECTS: unknown[] = [[], [1, 2], 'text', 42, true];
const WRONG_IDS: unknown[] = [{}, [], true, { $gt: '' }, ['admin'], 'i'.repeat(256)];
const WRONG_TIMES: unknown[] = [5, {}, [], true, 'yesterday', '2020-13-45T00:00:00Z', '', '31/12/2020', 'NaN'];

function validCall(type: CallType, rng: SeededRandom, n: number): Call {
  const userId = `drill-user-${n % 50}`;
  switch (type) {
    case 'track':
      return { type, userId, event: rng.pick(['Signed Up', 'Feature Used', 'Pricing Page Viewed']), properties: { plan: 'pro', seats: 3 } };
    case 'identify':
      return { type, userId, traits: { email: `${userId}@example.test` } };
    case 'group':
      return { type, userId, groupId: `acme-${n % 7}`, traits: { name: 'Acme' } };
    case 'page':
    case 'screen':
      return { type, anonymousId: `anon-${n}`, name: 'Home', properties: { path: '/' } };
    case 'alias':
      return { type, userId, previousId: `anon-${n}` };
  }
}

/** Field → wrong values that the call type's schema must refuse. */
function wrongField(type: CallType, rng: SeededRandom): [string, unknown] {
  const fields: [string, unknown[]][] = [
    ['context', WRONG_OBJECTS],
    ['integrations', WRONG_OBJECTS],
    ['timestamp', WRONG_TIMES],
    ['sentAt', WRONG_TIMES],
    ['originalTimestamp', WRONG_TIMES],
    ['messageId', WRONG_IDS],
    ['userId', WRONG_IDS],
  ];
  if (type === 'track') fields.push(['event', [5, {}, [], '', true, 'e'.repeat(256)]], ['properties', WRONG_OBJECTS]);
  if (type === 'identify') fields.push(['traits', WRONG_OBJECTS]);
  if (type === 'group') fields.push(['groupId', [...WRONG_IDS, 'g'.repeat(256)]], ['traits', WRONG_OBJECTS]);
  if (type === 'page' || type === 'screen') fields.push(['name', [5, {}, [], 'n'.repeat(256)]], ['properties', WRONG_OBJECTS], ['anonymousId', WRONG_IDS]);
  if (type === 'alias') fields.push(['previousId', [...WRONG_IDS, 'p'.repeat(300)]]);
  const [field, values] = rng.pick(fields);
  return [field, rng.pick(values)];
}

/** A call of `type` that its schema must refuse, and what is wrong with it. */
function invalidCall(type: CallType, rng: SeededRandom, n: number): { call: Call; kind: string } {
  const call = validCall(type, rng, n);
  const choice = rng.int(0, 5);
  if (choice <= 2) {
    const [field, value] = wrongField(type, rng);
    if (field === 'userId' && (type === 'page' || type === 'screen')) delete call.anonymousId;
    return { call: { ...call, [field]: value }, kind: `wrong type: ${field}` };
  }
  if (choice === 3) {
    // A required field left out, offered through the prototype instead: must not count.
    const required = type === 'track' ? 'event' : type === 'group' ? 'groupId' : type === 'alias' ? 'previousId' : 'userId';
    const value = call[required] ?? 'x';
    delete call[required];
    if (required === 'userId') delete call.anonymousId;
    const carrier = rng.pick(['__proto__', 'constructor', 'prototype']);
    const payload = carrier === 'constructor' ? { prototype: { [required]: value } } : { [required]: value };
    return { call: JSON.parse(JSON.stringify(call).replace(/^\{/, `{${JSON.stringify(carrier)}:${JSON.stringify(payload)},`)) as Call, kind: `prototype payload: ${required}` };
  }
  if (choice === 4) {
    const id = 'x'.repeat(rng.int(256, 4000));
    return { call: { ...call, [type === 'page' || type === 'screen' ? 'anonymousId' : 'userId']: id }, kind: 'id longer than 255' };
  }
  // Clock skew that leaves the representable range of dates (year ±275,760).
  return { call: { ...call, sentAt: '+275760-09-13T00:00:00.000Z', originalTimestamp: '-271821-04-20T00:00:00.000Z' }, kind: 'time out of range' };
}

/** Cuts or corrupts JSON so that it no longer parses. */
function malformed(json: string, rng: SeededRandom): string {
  for (;;) {
    const choice = rng.int(0, 5);
    let text: string;
    if (choice === 0) text = json.slice(0, rng.int(1, json.length - 1));
    else if (choice === 1) {
      const at = rng.int(0, json.length - 1);
      text = json.slice(0, at) + rng.pick(["'", '}', ',', '\\', ':', '"', '{', 'NaN']) + json.slice(at + 1);
    } else if (choice === 2) text = json.replace(/}$/, ',}');
    else if (choice === 3) text = json.replace(/"/g, "'");
    else if (choice === 4) text = `${json}${rng.pick(['x', '}', ']', '{}', ' //'])}`;
    else text = `${json.slice(0, -1)},"n": Infinity}`;
    try {
      JSON.parse(text);
    } catch {
      return text;
    }
  }
}

const bigText = (bytes: number) => 'a'.repeat(bytes);

export const OVER_SERVER_BOUND = 'body over the 4 MB server bound';

export interface IngestCorpusOptions {
  writeKey: string;
}

/** `count` hostile requests for /v1/*, the same for a given seed. */
export function hostileIngestRequests(count: number, seed: number, { writeKey }: IngestCorpusOptions): HostileRequest[] {
  const rng = new SeededRandom(seed);
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  const requests: HostileRequest[] = [];
  for (let n = 0; n < count; n++) {
    const route = rng.pick([...CALL_TYPES, 'batch', 'batch'] as const);
    const type: CallType = route === 'batch' ? rng.pick(CALL_TYPES) : route;
    const headers: Record<string, string> = { authorization: auth, 'content-type': rng.pick(['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded']) };
    const post = (kind: string, body: string | Buffer, path = `/v1/${route}`): HostileRequest => ({ kind, method: 'POST', path, headers, body });
    const wrap = (calls: Call[]) => (route === 'batch' ? { batch: calls } : calls[0]!);
    const roll = rng.int(0, 99);
    if (roll < 20) {
      requests.push(post('malformed JSON', malformed(JSON.stringify(wrap([validCall(type, rng, n)])), rng)));
    } else if (roll < 24) {
      requests.push(post('invalid UTF-8 / binary', Buffer.from(Array.from({ length: rng.int(1, 300) }, () => rng.int(0, 255)))));
    } else if (roll < 28) {
      requests.push(post('not a JSON object', rng.pick(['[]', '"text"', '42', 'null', 'true', '[{"type":"track"}]', '', '   ', '\n'])));
    } else if (roll < 60) {
      const { call, kind } = invalidCall(type, rng, n);
      if (route === 'batch') {
        // One bad call among good ones: the whole batch must be refused.
        const calls = Array.from({ length: rng.int(1, 20) }, (_, i) => validCall(rng.pick(CALL_TYPES), rng, n + i));
        calls.splice(rng.int(0, calls.length), 0, call);
        requests.push(post(`batch item: ${kind}`, JSON.stringify({ batch: calls })));
      } else {
        const { type: _type, ...single } = call;
        requests.push(post(kind, JSON.stringify(single)));
      }
    } else if (roll < 66) {
      // Required fields missing outright.
      const call = validCall(type, rng, n);
      for (const field of ['userId', 'anonymousId', 'event', 'groupId', 'previousId']) delete call[field];
      const { type: _type, ...single } = call;
      requests.push(post('required field missing', JSON.stringify(route === 'batch' ? { batch: [call] } : single)));
    } else if (roll < 72) {
      if (route === 'batch') {
        const bad = rng.pick<unknown>(['calls', {}, null, 5, [null], [1, 2, 3], [[]], [{ type: 'explode', userId: 'u' }], [{ userId: 'u', event: 'E' }]]);
        requests.push(post('batch of the wrong shape', JSON.stringify(bad === 'calls' ? { calls: [validCall(type, rng, n)] } : { batch: bad })));
      } else {
        requests.push(post('unknown route', JSON.stringify(validCall(type, rng, n)), `/v1/${rng.pick(['trak', 'events', 'batch/1', 'track/../../graphql', '%2e%2e/graphql'])}`));
      }
    } else if (roll < 80) {
      // Over the limits: a call over 32 KB, a batch over 500 KB, a batch item over 32 KB, or (rarely) over the 4 MB server bound.
      const size = rng.int(0, 19);
      if (size === 0) {
        requests.push(post(OVER_SERVER_BOUND, JSON.stringify({ ...validCall('track', rng, n), properties: { blob: bigText(4 * 1024 * 1024 + 10) } }), '/v1/batch'));
      } else if (route === 'batch') {
        if (rng.chance(0.5)) requests.push(post('batch over 500 KB', JSON.stringify({ batch: Array.from({ length: 20 }, () => ({ ...validCall('track', rng, n), properties: { blob: bigText(26_000) } })) })));
        else requests.push(post('batch item over 32 KB', JSON.stringify({ batch: [validCall(type, rng, n), { ...validCall('track', rng, n), properties: { blob: bigText(rng.int(33_000, 60_000)) } }] })));
      } else {
        requests.push(post('call over 32 KB', JSON.stringify({ ...validCall(type, rng, n), type: undefined, properties: { blob: bigText(rng.int(33_000, 200_000)) } })));
      }
    } else if (roll < 84) {
      requests.push(post('deeply nested JSON', `${'['.repeat(rng.int(1000, 9000))}${']'.repeat(rng.int(0, 3))}`));
    } else if (roll < 94) {
      // A valid body without a valid write key.
      const body = JSON.stringify(wrap([validCall(type, rng, n)]));
      const how = rng.int(0, 4);
      const bad = { ...headers };
      if (how === 0) delete bad.authorization;
      else if (how === 1) bad.authorization = `Basic ${Buffer.from('wk_wrong_key_0000:').toString('base64')}`;
      else if (how === 2) bad.authorization = rng.pick(['Bearer x', 'Basic', 'Basic !!!', 'Basic ' + 'A'.repeat(5000)]);
      else if (how === 3) bad.authorization = `Basic ${Buffer.from(`${writeKey}x:`).toString('base64')}`;
      else {
        delete bad.authorization;
        requests.push({ kind: 'no valid write key', method: 'POST', path: `/v1/${route}`, headers: bad, body: JSON.stringify({ ...JSON.parse(body), writeKey: rng.pick(['', 'wrong', 5, null, { key: writeKey }]) }) });
        continue;
      }
      requests.push({ kind: 'no valid write key', method: 'POST', path: `/v1/${route}`, headers: bad, body });
    } else {
      requests.push({ kind: 'wrong method', method: rng.pick(['GET', 'PUT', 'DELETE', 'PATCH']), path: `/v1/${route}`, headers, body: undefined });
    }
  }
  return requests;
}
