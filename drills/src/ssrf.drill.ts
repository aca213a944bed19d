/**
 * Drill 7: outbound webhook SSRF. The real webhook.send action, with a connection's defaults
 * (allowPrivateNetworks off), is pointed at loopback, private, link-local, CGNAT, IPv6 (mapped,
 * NAT64, 6to4, compatible, unique-local) and encoded addresses, random addresses of every blocked
 * range, and other schemes; then a receiver that looks public (127.0.0.2, treated as public for the
 * drill) redirects to each of them, and host names resolve to them. A sink listening on loopback
 * counts what got through: it must see nothing, and every attempt must be refused before connecting.
 */
import { lookup } from 'node:dns/promises';
import * as http from 'node:http';
import { BlockedAddressError, blockedAddressReason, parseActionInput, safeFetch, sendWebhookAction, webhookConnectionSchema } from './support/webhook-connector';
import { Checks, type Drill, fmt, pct } from './drill';
import { SeededRandom } from './support/seeded-random';

const SECRET = 'drill-ssrf-secret-0123456789';
const PUBLIC_STAND_IN = '127.0.0.2';

interface Sink {
  port: number;
  hits: string[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 and ::1 (same port) that records every request: anything here got through. */
async function startSink(): Promise<Sink> {
  const hits: string[] = [];
  const handler: http.RequestListener = (request, response) => {
    hits.push(`${request.method} ${request.headers.host}${request.url}`);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"reached":true}');
  };
  const v4 = http.createServer(handler);
  await new Promise<void>((resolve) => v4.listen(0, '127.0.0.1', resolve));
  const port = (v4.address() as { port: number }).port;
  const v6 = http.createServer(handler);
  await new Promise<void>((resolve) => v6.once('error', () => resolve()).listen(port, '::1', resolve));
  return { port, hits, close: async () => void (await Promise.all([new Promise((r) => v4.close(r)), new Promise((r) => v6.close(r))])) };
}

/** The "public" receiver: redirects (307) to ?to=, or answers 200. */
async function startRedirector(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const to = new URL(request.url ?? '/', 'http://x').searchParams.get('to');
    if (to) response.writeHead(307, { location: to }).end();
    else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, PUBLIC_STAND_IN, resolve));
  return { port: (server.address() as { port: number }).port, close: () => new Promise((r) => server.close(() => r())) };
}

/** Hosts that must be refused, with the sink's port where one could listen. */
function fixedTargets(port: number): string[] {
  const hosts = [
    '127.0.0.1', '127.1', '127.0.1', '2130706433', '0x7f000001', '0x7f.0.0.1', '0177.0.0.1', '017700000001', '127.255.255.254', '127.0.0.2',
    '0.0.0.0', '0', 'localhost', 'LOCALHOST',
    '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.0.1', '192.168.255.255', '100.64.0.1', '100.127.255.254',
    '169.254.169.254', '169.254.0.1', '169.254.170.2', '224.0.0.1', '255.255.255.255', '192.0.0.1', '198.18.0.1', '240.0.0.1',
    '[::1]', '[::]', '[0:0:0:0:0:0:0:1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:ffff:127.0.0.1]', '[::ffff:10.0.0.1]',
    '[::ffff:169.254.169.254]', '[::ffff:a9fe:a9fe]', '[64:ff9b::127.0.0.1]', '[64:ff9b::a9fe:a9fe]', '[2002:7f00:1::]', '[2002:a9fe:a9fe::1]',
    '[::127.0.0.1]', '[fc00::1]', '[fd00::1]', '[fd12:3456:789a::1]', '[fe80::1]', '[fec0::1]', '[ff02::1]',
  ];
  return hosts.flatMap((host) => [`http://${host}:${port}/hooks/x`, `https://${host}:${port}/hooks/x`, `http://${host}/latest/meta-data/`]);
}

const randomIn = (rng: SeededRandom, base: number[], prefix: number) => {
  const value = (base[0]! << 24) + (base[1]! << 16) + (base[2]! << 8) + base[3]!;
  const random = (rng.int(0, 0xffff) << 16) | rng.int(0, 0xffff);
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  const ip = ((value & mask) | (random & ~mask)) >>> 0;
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
};
const RANGES: [number[], number][] = [[[127, 0, 0, 0], 8], [[10, 0, 0, 0], 8], [[172, 16, 0, 0], 12], [[192, 168, 0, 0], 16], [[169, 254, 0, 0], 16], [[100, 64, 0, 0], 10], [[0, 0, 0, 0], 8]];

/** Random addresses of every blocked range, written in the forms a URL parser accepts. */
function randomTargets(count: number, rng: SeededRandom, port: number): string[] {
  return Array.from({ length: count }, () => {
    const [base, prefix] = rng.pick(RANGES);
    const ip = randomIn(rng, base, prefix);
    const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
    const form = rng.int(0, 5);
    const host =
      form === 0 ? ip
      : form === 1 ? String(((a << 24) >>> 0) + (b << 16) + (c << 8) + d)
      : form === 2 ? `0x${(((a << 24) >>> 0) + (b << 16) + (c << 8) + d).toString(16)}`
      : form === 3 ? `[::ffff:${ip}]`
      : form === 4 ? `[::ffff:${((a << 8) + b).toString(16)}:${((c << 8) + d).toString(16)}]`
      : rng.chance(0.5)
        ? `[f${rng.pick(['c', 'd'])}${rng.int(0, 0xff).toString(16).padStart(2, '0')}::${rng.int(1, 0xffff).toString(16)}]` // unique-local fc00::/7
        : `[fe${rng.pick(['8', '9', 'a', 'b'])}${rng.int(0, 15).toString(16)}::${rng.int(1, 0xffff).toString(16)}]`; // link-local fe80::/10
    return `http://${host}:${port}/hooks/r`;
  });
}

export const ssrfDrill: Drill = {
  number: 7,
  id: 'ssrf',
  title: 'Outbound webhook SSRF targets: loopback, private, link-local, IPv6-mapped, redirects',
  async run({ size, log }) {
    const checks = new Checks();
    const sink = await startSink();
    const redirector = await startRedirector();
    const rng = new SeededRandom(7_000);
    try {
      const outcome = { attempted: 0, blocked: 0, refusedAsUrl: 0, escapes: [] as string[] };
      const classify = (target: string, error: unknown) => {
        outcome.attempted += 1;
        if (error === undefined) outcome.escapes.push(`${target}: delivered`);
        else if (error instanceof BlockedAddressError) outcome.blocked += 1;
        else if (/not a URL|Only http and https|user name or password|Give the receiver URL|Invalid URL/i.test(String((error as Error).message))) outcome.refusedAsUrl += 1;
        else outcome.escapes.push(`${target}: ${(error as Error).name}: ${(error as Error).message.slice(0, 100)}`);
      };

      // 1. Direct: the action with a connection's defaults.
      const direct = [...fixedTargets(sink.port), ...['file:///etc/passwd', `gopher://127.0.0.1:${sink.port}/x`, `ftp://127.0.0.1:${sink.port}/`, `http://user:pw@127.0.0.1:${sink.port}/`, `http://127.0.0.1:${sink.port}@evil.example/`]];
      const generated = randomTargets(size === 'full' ? 5_000 : 300, rng, sink.port);
      log(`direct: ${direct.length} fixed targets, ${generated.length} random addresses of blocked ranges`);
      for (const url of [...direct, ...generated]) {
        let error: unknown;
        try {
          const connection = webhookConnectionSchema.parse({ url, secret: SECRET, timeoutMs: 2_000 });
          await sendWebhookAction.run({ auth: connection, input: parseActionInput(sendWebhookAction, { body: { drill: 'ssrf' } }), idempotencyKey: `drill:ssrf:${outcome.attempted}` });
        } catch (caught) {
          error = caught;
        }
        classify(url, error);
      }
      const directEscapes = outcome.escapes.length;

      // 2. Redirects from a receiver that passes the check, and host names that resolve to blocked addresses.
      const resolver = async (hostname: string) => {
        const names: Record<string, string[]> = {
          'internal.example': ['10.0.0.5'],
          'metadata.example': ['169.254.169.254'],
          'loopback.example': ['127.0.0.1'],
          'v6loopback.example': ['::1'],
          'mapped.example': ['::ffff:127.0.0.1'],
          'split.example': [PUBLIC_STAND_IN, '192.168.1.20'],
          'public.example': [PUBLIC_STAND_IN],
        };
        const found = names[hostname] ?? (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
        return found.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));
      };
      const policy = (address: string) => (address === PUBLIC_STAND_IN ? undefined : blockedAddressReason(address));
      // 127.0.0.2 is the drill's stand-in for a public address, so it is no target behind a redirect.
      const viaRedirect = fixedTargets(sink.port).filter((u) => u.startsWith('http://') && !u.includes(PUBLIC_STAND_IN)).concat(
        ['internal.example', 'metadata.example', 'loopback.example', 'v6loopback.example', 'mapped.example', 'split.example'].map((name) => `http://${name}:${sink.port}/hooks/x`),
      );
      const hop = (to: string) => `http://public.example:${redirector.port}/?to=${encodeURIComponent(to)}`;
      const redirectTargets = [
        ...viaRedirect.map(hop),
        ...viaRedirect.slice(0, 20).map((to) => hop(hop(hop(to)))), // the blocked address three redirects away
        ...['internal.example', 'metadata.example', 'loopback.example', 'v6loopback.example', 'mapped.example', 'split.example'].map((name) => `http://${name}:${sink.port}/hooks/x`),
      ];
      log(`redirects and names: ${redirectTargets.length}`);
      for (const url of redirectTargets) {
        let error: unknown;
        try {
          await safeFetch({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') }, { allowPrivateNetworks: false, timeoutMs: 2_000, resolve: resolver, addressPolicy: policy });
        } catch (caught) {
          error = caught;
        }
        classify(url, error);
      }

      // 3. DNS rebinding: a name that passes the check, then would resolve to loopback; the socket is pinned.
      const lookups: string[] = [];
      const rebinding = async () => {
        const address = lookups.length === 0 ? PUBLIC_STAND_IN : '127.0.0.1';
        lookups.push(address);
        return [{ address, family: 4 as const }];
      };
      const pinned = await safeFetch({ url: `http://rebind.example:${redirector.port}/`, method: 'POST', headers: {}, body: Buffer.from('{}') }, { allowPrivateNetworks: false, timeoutMs: 2_000, resolve: rebinding, addressPolicy: policy });

      const refused = outcome.blocked + outcome.refusedAsUrl;
      checks.check('100 % blocked by default', refused === outcome.attempted, `${fmt(refused)} of ${fmt(outcome.attempted)} (${pct(refused, outcome.attempted)})${outcome.escapes.length ? `; ${outcome.escapes.slice(0, 5).join(' | ')}` : ''}`);
      checks.check('the loopback sink saw no request', sink.hits.length === 0, sink.hits.length ? sink.hits.slice(0, 5).join(', ') : '0 requests');
      checks.check('DNS rebinding: the socket stays on the checked address', pinned.status === 200 && lookups.length === 1 && sink.hits.length === 0, `answered ${pinned.status}, ${lookups.length} lookup(s): ${lookups.join(', ')}`);
      return {
        did: `Pointed the webhook.send action (connection defaults) at ${fmt(direct.length)} fixed hostile URLs and ${fmt(generated.length)} random addresses of the blocked ranges (decimal, hex, IPv4-mapped and unique-/link-local IPv6 forms), then sent ${fmt(redirectTargets.length)} requests through a public-looking receiver that redirects (up to three hops) to them or host names resolving to them, and one DNS-rebinding name.`,
        lost: refused === outcome.attempted && sink.hits.length === 0 ? 'nothing: every target refused before connecting; the loopback sink saw 0 requests' : `${outcome.escapes.length} got through, the sink saw ${sink.hits.length}`,
        figures: [
          ['attempts', fmt(outcome.attempted)],
          ['refused by the address check (BlockedAddressError)', fmt(outcome.blocked)],
          ['refused as URLs (scheme, credentials)', fmt(outcome.refusedAsUrl)],
          ['direct attempts that got through', String(directEscapes)],
          ['requests seen by the loopback sink', String(sink.hits.length)],
          ['DNS rebinding lookups', `${lookups.length} (connected to the checked address)`],
        ],
        checks: checks.list,
      };
    } finally {
      await Promise.all([sink.close(), redirector.close()]);
    }
  },
};
