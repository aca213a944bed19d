import { createFakeVendorServer } from '../fake-server/fake-vendor-server';
import type { FakeRequest, FakeResponse, FakeVendorServer } from '../fake-server/fake-types';
import { fixedWindowLimiter } from '../helpers/fixed-window-limiter';
import { paginate } from '../helpers/paginate';
import { bearerToken } from '../helpers/request-auth';

/**
 * "Acme", a small made-up vendor for the testkit's own tests: bearer-token auth, tasks that can be
 * created (with an Idempotency-Key) and deleted, and an activity feed listed from an inclusive
 * `since` time, two per page. 100 requests per 10 s, then 429 with Retry-After.
 */
export const ACME_TOKEN = 'acme-good-token-123';
export const ACME_PAGE_SIZE = 2;

export interface AcmeActivity {
  id: string;
  at: string;
  userId: string;
  event: string;
}

export interface AcmeFake extends FakeVendorServer {
  tasks: Map<string, { id: string; title: string }>;
  activities: AcmeActivity[];
}

const UNAUTHORIZED: FakeResponse = { status: 401, body: { status: 'error', category: 'INVALID_AUTHENTICATION', message: 'Authentication credentials not found.' } };

export async function startAcmeFake(): Promise<AcmeFake> {
  const tasks = new Map<string, { id: string; title: string }>();
  const byIdempotencyKey = new Map<string, string>();
  const activities: AcmeActivity[] = [];
  const limiter = fixedWindowLimiter({ limit: 100, windowMs: 10_000 });

  // Auth first, then the rate limit, as most vendors check them.
  const guarded = (handler: (request: FakeRequest) => FakeResponse) => (request: FakeRequest): FakeResponse => {
    if (bearerToken(request) !== ACME_TOKEN) return UNAUTHORIZED;
    const decision = limiter.take();
    if (!decision.allowed) {
      return { status: 429, headers: { 'Retry-After': String(decision.retryAfterSeconds) }, body: { status: 'error', category: 'RATE_LIMITS', message: 'You have reached your ten secondly limit.' } };
    }
    return handler(request);
  };

  const server = await createFakeVendorServer({
    name: 'acme',
    routes: [
      { method: 'GET', path: '/v1/me', handler: guarded(() => ({ status: 200, body: { account: 'acct_1' } })) },
      {
        method: 'POST',
        path: '/v1/tasks',
        handler: guarded((request) => {
          const title = (request.body as { title?: unknown } | undefined)?.title;
          if (typeof title !== 'string' || title === '') return { status: 400, body: { status: 'error', message: 'title is required' } };
          const key = request.headers['idempotency-key'];
          const existing = key ? byIdempotencyKey.get(key) : undefined;
          if (existing && tasks.has(existing)) return { status: 200, body: tasks.get(existing) };
          const task = { id: `task_${tasks.size + 1}`, title };
          tasks.set(task.id, task);
          if (key) byIdempotencyKey.set(key, task.id);
          return { status: 201, body: task };
        }),
      },
      {
        method: 'DELETE',
        path: '/v1/tasks/:taskId',
        handler: guarded((request) => {
          if (!tasks.delete(request.params.taskId!)) return { status: 404, body: { status: 'error', message: `Task ${request.params.taskId} not found` } };
          return { status: 204 };
        }),
      },
      {
        method: 'GET',
        path: '/v1/activities',
        handler: guarded((request) => {
          const since = request.query.since ? Date.parse(request.query.since) : Number.NEGATIVE_INFINITY;
          if (Number.isNaN(since)) return { status: 400, body: { status: 'error', message: `since '${request.query.since}' is not a time` } };
          const matching = activities
            .filter((activity) => Date.parse(activity.at) >= since)
            .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
          try {
            const page = paginate(matching, request.query.after, ACME_PAGE_SIZE);
            return { status: 200, body: { results: page.items, paging: page.nextCursor ? { next: { after: page.nextCursor } } : {} } };
          } catch (error) {
            return { status: 400, body: { status: 'error', message: (error as Error).message } };
          }
        }),
      },
    ],
  });
  return Object.assign(server, { tasks, activities });
}

/** Five activities, two pairs sharing a timestamp, so a page boundary falls inside one pair. */
export async function seedAcmeActivities(fake: AcmeFake): Promise<string[]> {
  const at = (second: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, second)).toISOString();
  fake.activities.push(
    { id: 'act_a', at: at(1), userId: 'u1', event: 'Signed Up' },
    { id: 'act_b', at: at(2), userId: 'u1', event: 'Viewed Pricing' },
    { id: 'act_c', at: at(2), userId: 'u2', event: 'Viewed Pricing' },
    { id: 'act_d', at: at(3), userId: 'u2', event: 'Invited Teammate' },
    { id: 'act_e', at: at(3), userId: 'u3', event: 'Invited Teammate' },
  );
  return fake.activities.map((activity) => `acme:${activity.id}`);
}
