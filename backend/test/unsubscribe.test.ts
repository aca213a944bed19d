import { randomBytes, randomUUID } from 'node:crypto';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { UnsubscribeTokens } from '../src/unsubscribe/unsubscribe-token';
import { internalRequest } from './support/internal-api';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(30_000);

const PUBLIC_URL = 'https://tripline.example.com';

describe.each(databaseKindsUnderTest())('unsubscribe links on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;

  /** The links the worker gets for one recipient of one message. */
  const linksFor = async (email: string) => {
    const response = await internalRequest(t, 'POST', '/internal/unsubscribe-links', { workspaceId, email, runId: randomUUID(), key: `wf:${randomUUID()}:send:1` });
    expect(response.status).toBe(200);
    return response.body as { url: string; mailto?: string };
  };
  /** The public URL points at the deployment; the test reaches the same path on the test server. */
  const local = (url: string) => `${t.url}${new URL(url).pathname}`;
  const suppressed = async (email: string) =>
    (await internalRequest(t, 'POST', '/internal/suppressions/check', { workspaceId, emails: [email] })).body.suppressed as { reason: string }[];
  /** What a one-click mail client sends (RFC 8058 §3.2). */
  const oneClick = (url: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });

  beforeAll(async () => {
    t = await startTestApp(kind, { TRIPLINE_PUBLIC_URL: `${PUBLIC_URL}/`, TRIPLINE_UNSUBSCRIBE_MAILTO: 'unsubscribe@tripline.example.com' });
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  });
  afterAll(async () => t?.close());

  it('are built on TRIPLINE_PUBLIC_URL, with a mailto carrying the same token when one is configured', async () => {
    const links = await linksFor('Ann@Example.com');
    expect(links.url).toMatch(/^https:\/\/tripline\.example\.com\/v1\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const token = links.url.split('/').pop()!;
    expect(links.mailto).toBe(`mailto:unsubscribe@tripline.example.com?subject=unsubscribe%20${token}`);
    expect(t.app.get(UnsubscribeTokens).verify(token)).toMatchObject({ workspaceId, email: 'ann@example.com' });
  });

  it('GET shows a confirmation with a button that POSTs, and never unsubscribes', async () => {
    const { url } = await linksFor('looker@example.com');
    for (let i = 0; i < 2; i++) {
      const page = await fetch(local(url));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
      const html = await page.text();
      expect(html).toContain('<form method="post">');
      expect(html).toContain('name="List-Unsubscribe" value="One-Click"');
      expect(html).toContain('l***@example.com');
      expect(html).not.toContain('<script');
    }
    expect((await fetch(local(url), { method: 'HEAD' })).status).toBe(200);
    expect(await suppressed('looker@example.com')).toEqual([]);
  });

  it('POST (one-click) unsubscribes at once and is idempotent', async () => {
    const { url } = await linksFor('leaver@example.com');
    const first = await oneClick(local(url));
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('You are unsubscribed');
    expect(await suppressed('leaver@example.com')).toEqual([{ email: 'leaver@example.com', reason: 'unsubscribe' }]);

    const again = await oneClick(local(url));
    expect(again.status).toBe(200);
    // The confirmation page's own form posts the same body; a body-less or JSON POST works too.
    expect((await fetch(local(url), { method: 'POST' })).status).toBe(200);
    expect((await fetch(local(url), { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' })).status).toBe(200);
    expect(await suppressed('leaver@example.com')).toHaveLength(1);
  });

  describe('a bad token gets a 400 page saying why, and changes nothing', () => {
    it.each([
      ['a changed payload', (token: string) => `${Buffer.from(JSON.stringify({ v: 1, w: 'x', e: 'mallory@example.com', r: 'r', k: 'k' })).toString('base64url')}.${token.split('.')[1]}`, 'not valid: it was changed'],
      ['a changed signature', (token: string) => `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`, 'not valid: it was changed'],
      ['a truncated token', (token: string) => token.split('.')[0]!, 'incomplete or malformed'],
      ['garbage', () => 'not-a-token%3Cscript%3E', 'incomplete or malformed'],
    ])('%s', async (_name, tamper, message) => {
      const { url } = await linksFor('victim@example.com');
      const token = url.split('/').pop()!;
      const bad = `${t.url}/v1/unsubscribe/${tamper(token)}`;
      for (const response of [await fetch(bad), await oneClick(bad)]) {
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toContain('text/html');
        const html = await response.text();
        expect(html).toContain(message);
        expect(html).toContain('Nothing was changed.');
        expect(html).not.toContain('<script>');
      }
      expect(await suppressed('victim@example.com')).toEqual([]);
      expect(await suppressed('mallory@example.com')).toEqual([]);
    });

    it('a token signed with another secret key', async () => {
      const foreign = new UnsubscribeTokens({ secretKey: randomBytes(32) }).sign({ workspaceId, email: 'forged@example.com', runId: 'r', key: 'k' });
      const response = await oneClick(`${t.url}/v1/unsubscribe/${foreign}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('it was not issued by this server');
      expect(await suppressed('forged@example.com')).toEqual([]);
    });
  });

  it('the worker needs the internal token for links, and a recipient that is an address', async () => {
    expect((await internalRequest(t, 'POST', '/internal/unsubscribe-links', { workspaceId, email: 'a@example.com', runId: 'r', key: 'k' }, null)).status).toBe(401);
    const bad = await internalRequest(t, 'POST', '/internal/unsubscribe-links', { workspaceId, email: 'nope', runId: 'r', key: 'k' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Invalid unsubscribe link request: email: is not an email address');
  });
});
