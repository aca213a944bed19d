import { NonRetryableError, RetryableError } from '@tripline/connector-sdk';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../test-support/fake-webhook-receiver';
import { signatureHeaders } from '../signature/tripline-signature';
import { blockedAddressReason } from './blocked-addresses';
import { BlockedAddressError, systemResolver, type HostResolver } from './resolve-checked-address';
import { MAX_REDIRECTS, safeFetch } from './safe-fetch';

const SECRET = 'fake-receiver-secret-0123456789';
let receiver: FakeWebhookReceiver;
let port: string;

beforeAll(async () => {
  receiver = await startFakeWebhookReceiver({ secret: SECRET });
  port = new URL(receiver.url).port;
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.deliveries.length = 0;
});

/** A signed POST of `{"n":1}` to `url`. */
function signedPost(url: string) {
  const body = Buffer.from('{"n":1}');
  return { url, method: 'POST', body, headers: { 'content-type': 'application/json', ...signatureHeaders(SECRET, body, Date.now()) } };
}

// "partner.example" plays a public receiver: it resolves to the loopback fake, and the policy treats
// exactly that address as public while every other address keeps the default rules. The redirect
// hop is what is under test.
const partnerResolver: HostResolver = async (hostname) => {
  if (hostname === 'partner.example') return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'rebind.example') return [{ address: '10.0.0.7', family: 4 }];
  if (hostname === 'split.example') return [{ address: '93.184.215.14', family: 4 }, { address: '192.168.1.20', family: 4 }];
  return systemResolver(hostname);
};
const fakeIsPublic = (address: string) => (address === '127.0.0.1' ? undefined : blockedAddressReason(address));
const asPartner = { allowPrivateNetworks: false, timeoutMs: 2000, resolve: partnerResolver, addressPolicy: fakeIsPublic };

describe('safeFetch: addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['169.254.169.254', 'link-local'],
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback address, inside an IPv6 address'],
    ['[fd00::1]', 'unique-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
  ])('refuses %s by default, before connecting', async (host, reason) => {
    const attempt = safeFetch(signedPost(`http://${host}:${port}/hooks/a`), { allowPrivateNetworks: false, timeoutMs: 2000 });
    await expect(attempt).rejects.toThrow(BlockedAddressError);
    await expect(safeFetch(signedPost(`http://${host}:${port}/hooks/a`), { allowPrivateNetworks: false, timeoutMs: 2000 })).rejects.toThrow(reason);
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses a host name that resolves to loopback (localhost, via the system resolver)', async () => {
    const attempt = safeFetch(signedPost(`http://localhost:${port}/hooks/a`), { allowPrivateNetworks: false, timeoutMs: 2000 });
    await expect(attempt).rejects.toThrow(/Refused to send to localhost \((127\.0\.0\.1|::1)\): it is a loopback address/);
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses a host name when any one of its addresses is private', async () => {
    await expect(safeFetch(signedPost(`http://rebind.example:${port}/hooks/a`), asPartner)).rejects.toThrow(
      'Refused to send to rebind.example (10.0.0.7)',
    );
    await expect(safeFetch(signedPost(`http://split.example:${port}/hooks/a`), asPartner)).rejects.toThrow(
      'Refused to send to split.example (192.168.1.20)',
    );
  });

  it('connects to the checked address, keeping the host name in the Host header', async () => {
    const response = await safeFetch(signedPost(`http://partner.example:${port}/hooks/pinned`), asPartner);
    expect(response.status).toBe(200);
    expect(receiver.requests[0]!.headers.host).toBe(`partner.example:${port}`);
  });

  it('resolves once and connects to what it checked, so a rebinding name cannot switch addresses', async () => {
    const answers: string[] = [];
    const rebinding: HostResolver = async () => {
      // First answer passes the check; any later lookup (a second resolve by the HTTP client) would get a private address.
      const address = answers.length === 0 ? '127.0.0.1' : '10.0.0.7';
      answers.push(address);
      return [{ address, family: 4 }];
    };
    const response = await safeFetch(signedPost(`http://rebinding.example:${port}/hooks/r`), { ...asPartner, resolve: rebinding });
    expect(response.status).toBe(200);
    expect(answers).toEqual(['127.0.0.1']);
  });

  it('reaches loopback only with allowPrivateNetworks', async () => {
    const response = await safeFetch(signedPost(`${receiver.url}/hooks/a`), { allowPrivateNetworks: true, timeoutMs: 2000 });
    expect(response.status).toBe(200);
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('refuses other schemes and URLs with credentials', async () => {
    await expect(safeFetch(signedPost('file:///etc/passwd'), { allowPrivateNetworks: true, timeoutMs: 500 })).rejects.toThrow(
      'Only http and https URLs can be called, not file',
    );
    await expect(safeFetch(signedPost(`http://user:pw@127.0.0.1:${port}/hooks`), { allowPrivateNetworks: true, timeoutMs: 500 })).rejects.toThrow(
      'may not carry a user name or password',
    );
  });
});

describe('safeFetch: redirects', () => {
  it('follows a 307 on the same receiver, resending method and body', async () => {
    const response = await safeFetch(signedPost(`http://partner.example:${port}/moved/x`), asPartner);
    expect(response.status).toBe(200);
    expect(response.redirects).toBe(1);
    expect(response.url.pathname).toBe('/hooks/x');
    expect(receiver.deliveries).toEqual([expect.objectContaining({ path: '/hooks/x', method: 'POST', body: { n: 1 } })]);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'Refused to send to 169.254.169.254: it is a link-local address'],
    ['http://[::1]/hooks/x', 'Refused to send to [::1]: it is a loopback address'],
    ['http://127.0.0.2:8080/hooks/x', 'Refused to send to 127.0.0.2: it is a loopback address'],
    ['http://[::ffff:7f00:1]/hooks/x', 'loopback address, inside an IPv6 address'],
    ['http://10.0.0.1/admin', 'Refused to send to 10.0.0.1: it is a private address'],
  ])('refuses a public-looking receiver that redirects to %s, without connecting to it', async (target, message) => {
    const attempt = safeFetch(signedPost(`http://partner.example:${port}/redirect?to=${encodeURIComponent(target)}`), asPartner);
    await expect(attempt).rejects.toThrow(message);
    await expect(safeFetch(signedPost(`http://partner.example:${port}/redirect?to=${encodeURIComponent(target)}`), asPartner)).rejects.toThrow(
      BlockedAddressError,
    );
    expect(receiver.requests.map((request) => request.path)).toEqual(['/redirect', '/redirect']);
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const hop = await import('node:http');
    const redirector = hop.createServer((_request, response) => {
      response.writeHead(307, { Location: `http://rebind.example:${port}/hooks/x` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    const redirectorPort = (redirector.address() as { port: number }).port;
    try {
      const attempt = safeFetch(signedPost(`http://partner.example:${redirectorPort}/`), asPartner);
      await expect(attempt).rejects.toThrow('Refused to send to rebind.example (10.0.0.7): it is a private address');
      expect(receiver.requests).toHaveLength(0);
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
    }
  });

  it(`stops after ${MAX_REDIRECTS} redirects`, async () => {
    const attempt = safeFetch(signedPost(`http://partner.example:${port}/loop`), asPartner);
    await expect(attempt).rejects.toThrow(`redirected more than ${MAX_REDIRECTS} times`);
    expect(receiver.requestsTo('POST', '/loop')).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('does not follow a 303, which would drop the body', async () => {
    const attempt = safeFetch(signedPost(`http://partner.example:${port}/see-other`), asPartner);
    await expect(attempt).rejects.toThrow(NonRetryableError);
    await expect(safeFetch(signedPost(`http://partner.example:${port}/see-other`), asPartner)).rejects.toThrow('303 See Other');
  });
});

describe('safeFetch: timeouts', () => {
  it('gives up after timeoutMs with a retryable error', async () => {
    const started = Date.now();
    const attempt = safeFetch(signedPost(`${receiver.url}/slow`), { allowPrivateNetworks: true, timeoutMs: 200 });
    await expect(attempt).rejects.toThrow(RetryableError);
    await expect(safeFetch(signedPost(`${receiver.url}/slow`), { allowPrivateNetworks: true, timeoutMs: 200 })).rejects.toThrow(
      `did not answer within 200 ms`,
    );
    expect(Date.now() - started).toBeLessThan(1400);
  });
});
