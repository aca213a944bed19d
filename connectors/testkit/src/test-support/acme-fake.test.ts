import { RateLimitedError } from '@tripline/connector-sdk';
import { makeAcmeConnector } from './acme-connector';
import { ACME_TOKEN, startAcmeFake, type AcmeFake } from './acme-fake';

// How a fake uses fixedWindowLimiter: past the documented limit it answers the vendor's 429.
describe('the Acme sample fake', () => {
  let fake: AcmeFake;
  beforeEach(async () => {
    fake = await startAcmeFake();
  });
  afterEach(() => fake.close());

  it('answers 429 with Retry-After once 100 requests in 10 s are exceeded, which the connector maps to RateLimitedError', async () => {
    const headers = { authorization: `Bearer ${ACME_TOKEN}` };
    const answers = await Promise.all(Array.from({ length: 100 }, () => fetch(`${fake.url}/v1/me`, { headers }).then((r) => r.status)));
    expect(answers.every((status) => status === 200)).toBe(true);
    const limited = await fetch(`${fake.url}/v1/me`, { headers });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ category: 'RATE_LIMITS' });

    const createTask = makeAcmeConnector().actions[0]!;
    const error = await createTask.run({ auth: { baseUrl: fake.url, apiKey: ACME_TOKEN }, input: { title: 'x' }, idempotencyKey: 'k' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it('refuses a wrong token with its 401 body, and creates a task once per Idempotency-Key', async () => {
    const refused = await fetch(`${fake.url}/v1/me`, { headers: { authorization: 'Bearer nope' } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
    const create = () => fetch(`${fake.url}/v1/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ACME_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': 'step-1' },
      body: JSON.stringify({ title: 'Call Ada' }),
    }).then((r) => r.json());
    expect(await create()).toEqual(await create());
    expect(fake.tasks.size).toBe(1);
  });
});
