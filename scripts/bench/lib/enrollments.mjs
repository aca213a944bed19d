// Enrollments: trigger events in, runs started and completed per second (used by the runtime part on the
// embedded dev server and by temporal-postgres.mjs on a Temporal server on PostgreSQL).
import { requireFromRoot } from './paths.mjs';
import { sleep } from './processes.mjs';
import { playbookOf, publishPlaybook, sendBatch } from './stack.mjs';

const Database = requireFromRoot('better-sqlite3');

/** Publishes "Bench enroll" (a run that is a single end step) on the stack. */
export async function publishEnrollPlaybook(stack) {
  await publishPlaybook(stack, 'Bench enroll', playbookOf('Bench enroll', { kind: 'event', event: 'Bench Enroll' }, 'done', { done: { kind: 'end' } }, []));
}

/** Sends `count` trigger events (batches of 500) for new people `enroll-<tag>-<n>` and waits until every run completed. */
export async function measureEnrollments(stack, count, { tag = 'a', timeoutMs = 600_000 } = {}) {
  const db = new Database(stack.sqliteFile, { readonly: true, fileMustExist: true });
  const counts = db.prepare(
    `SELECT COUNT(*) AS started, SUM(CASE WHEN r.status = 'completed' THEN 1 ELSE 0 END) AS completed FROM runs r JOIN persons p ON r.subject_id = p.id WHERE p.user_id LIKE ?`,
  );
  const pattern = `enroll-${tag}-%`;
  try {
    const t0 = Date.now();
    for (let i = 0; i < count; i += 500) {
      await sendBatch(stack.apiUrl, stack.writeKey, Array.from({ length: Math.min(500, count - i) }, (_, j) => ({ type: 'track', userId: `enroll-${tag}-${i + j}`, event: 'Bench Enroll', messageId: `enroll-${tag}-${i + j}` })));
    }
    const ingested = Date.now();
    let allStartedAt = 0;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { started, completed } = counts.get(pattern);
      if (!allStartedAt && started >= count) allStartedAt = Date.now();
      if (completed >= count) break;
      if (Date.now() > deadline) throw new Error(`enrollments: ${completed} of ${count} completed after ${timeoutMs / 1000} s`);
      await sleep(200);
    }
    const done = Date.now();
    return {
      enrollments: count,
      ingestSeconds: (ingested - t0) / 1000,
      startedPerSecond: count / ((allStartedAt - t0) / 1000),
      completedPerSecond: count / ((done - t0) / 1000),
    };
  } finally {
    db.close();
  }
}
