import { redactConfig } from '@tripline/connector-sdk';
import { startFakeMixpanel, type FakeMixpanel } from '../fake-server';
import { mixpanelAuth } from './mixpanel-auth';
import { exportBaseUrl, mixpanelConfigSchema } from './mixpanel-config';

describe('Mixpanel connection', () => {
  let fake: FakeMixpanel;
  beforeEach(async () => {
    fake = await startFakeMixpanel({ rateLimits: { perSecond: 1000 } });
  });
  afterEach(() => fake.close());
  const config = (extra: Record<string, unknown> = {}) =>
    mixpanelConfigSchema.parse({ ...fake.serviceAccount, projectId: String(fake.projectId), baseUrl: fake.url, ...extra });

  it('tests itself with one cheap export call: today, one event', async () => {
    await expect(mixpanelAuth.test!(config())).resolves.toEqual({ ok: true });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.query).toMatchObject({ limit: '1', project_id: String(fake.projectId) });
    expect(fake.requests[0]!.query.from_date).toBe(fake.requests[0]!.query.to_date);
  });

  it('says what is wrong, without the secret: bad credentials, a project it may not read, no server', async () => {
    const badSecret = await mixpanelAuth.test!(config({ secret: 'hunter2-wrong' }));
    expect(badSecret.ok).toBe(false);
    expect(badSecret.message).toContain('answered 401');
    expect(badSecret.message).toContain('Mixpanel refused the service account username or secret');
    expect(badSecret.message).not.toContain('hunter2-wrong');
    const otherProject = await mixpanelAuth.test!(config({ projectId: 7 }));
    expect(otherProject).toEqual({ ok: false, message: expect.stringContaining('the service account may not read this project') });
    const closed = await startFakeMixpanel();
    const url = closed.url;
    await closed.close();
    const unreachable = await mixpanelAuth.test!(config({ baseUrl: url }));
    expect(unreachable).toEqual({ ok: false, message: expect.stringContaining('ECONNREFUSED') });
  });

  it('knows the data residency hosts, keeps the secret out of what it shows, and checks fields', () => {
    expect(exportBaseUrl({ region: 'us' })).toBe('https://data.mixpanel.com');
    expect(exportBaseUrl({ region: 'eu' })).toBe('https://data-eu.mixpanel.com');
    expect(exportBaseUrl({ region: 'in' })).toBe('https://data-in.mixpanel.com');
    expect(exportBaseUrl({ region: 'eu', baseUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    const parsed = mixpanelConfigSchema.parse({ username: 'sa', secret: 's3cr3t', projectId: 12 });
    expect(parsed).toEqual({ username: 'sa', secret: 's3cr3t', projectId: 12, region: 'us', projectTimezone: 'UTC' });
    expect(redactConfig(mixpanelAuth, parsed)).toMatchObject({ secret: '[redacted]', username: 'sa' });
    expect(mixpanelConfigSchema.safeParse({ username: 'sa', secret: 's', projectId: 'abc' }).success).toBe(false);
    expect(mixpanelConfigSchema.safeParse({ username: 'sa', secret: 's', projectId: 1, region: 'apac' }).success).toBe(false);
    expect(mixpanelConfigSchema.safeParse({ username: 'sa', secret: 's', projectId: 1, baseUrl: 'ftp://x' }).success).toBe(false);
  });
});
