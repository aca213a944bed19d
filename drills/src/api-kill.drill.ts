/**
 * Drill 2: SIGKILL the API during ingest load. Clients send batches through /v1/batch (a trigger event
 * of a published playbook in each, so every accepted event also writes an enrollment and an outbox
 * row in the same transaction) while the API is killed at random moments and started again on the
 * same database. A client retries a batch that got no 2xx, unchanged, as Segment's libraries do. Then:
 * every event that got a 2xx is stored, none twice, and each trigger event has exactly one enrollment
 * and one outbox row (no firing lost or doubled); SQLite's integrity check passes.
 */
import Database from 'better-sqlite3';
import { Checks, type Drill, fmt } from './drill';
import { ApiProcess } from './support/api-process';
import { gqlData, loginToken } from './support/graphql';
import { send } from './support/http';
import { emailPlaybook, sleep } from './support/playbooks';
import { SeededRandom } from './support/seeded-random';

const EVENT = 'API Kill Drill';
const SIZES = { short: { kills: 2, clients: 4, batchSize: 50 }, full: { kills: 20, clients: 4, batchSize: 100 } };

export const apiKillDrill: Drill = {
  number: 2,
  id: 'api-kill',
  title: 'SIGKILL the API during ingest load',
  async run({ size, log }) {
    const { kills, clients, batchSize } = SIZES[size];
    const checks = new Checks();
    const rng = new SeededRandom(2_000);
    const api = new ApiProcess();
    try {
      await api.start();
      const token = await loginToken(api.url, api.adminEmail, api.adminPassword);
      const created = await gqlData<{ createPlaybook: { id: string } }>(api.url, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name: 'API kill drill', definition: emailPlaybook({ id: 'api-kill-drill', name: 'API kill drill', event: EVENT, reenroll: 'always' }) } }, token);
      await gqlData(api.url, `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`, { id: created.createPlaybook.id }, token);

      // The load: each client sends its own batches, retrying one until it gets a 2xx.
      const acked = new Set<string>();
      let sentCalls = 0;
      let batches = 0;
      let failedAttempts = 0;
      let running = true;
      let sequence = 0;
      const client = async (c: number) => {
        while (running) {
          const batch = Array.from({ length: batchSize }, () => {
            const n = sequence++;
            return n % 5 === 0
              ? { type: 'track', messageId: `api-kill-${n}`, userId: `kill-user-${n % 300}`, event: EVENT, properties: { n } }
              : { type: 'track', messageId: `api-kill-${n}`, userId: `kill-user-${n % 300}`, event: 'Feature Used', properties: { n, client: c } };
          });
          sentCalls += batch.length;
          batches += 1;
          for (;;) {
            const answer = await send(`${api.url}/v1/batch`, { method: 'POST', headers: { authorization: api.ingestAuth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }), timeoutMs: 30_000 });
            if (answer.status >= 200 && answer.status < 300) {
              for (const call of batch) acked.add(call.messageId);
              break;
            }
            failedAttempts += 1;
            await sleep(200 + rng.int(0, 300)); // the API is down or restarting: retry the same batch
          }
        }
      };
      const load = Promise.all(Array.from({ length: clients }, (_, c) => client(c)));

      const killedWith: number[] = [];
      for (let k = 0; k < kills; k++) {
        await sleep(rng.int(800, 3_000));
        killedWith.push(acked.size);
        await api.kill();
        log(`kill ${k + 1}/${kills} after ${fmt(acked.size)} acknowledged events`);
        await sleep(rng.int(0, 1_000));
        await api.start();
      }
      await sleep(1_500);
      running = false;
      await load;

      const db = new Database(api.sqliteFile, { readonly: true, fileMustExist: true });
      let stored: Map<string, number>;
      let triggerEvents: number;
      let enrollments: number;
      let outboxRows: number;
      let integrity: string;
      try {
        stored = new Map((db.prepare(`SELECT message_id AS id, COUNT(*) AS n FROM events WHERE message_id LIKE 'api-kill-%' GROUP BY message_id`).all() as { id: string; n: number }[]).map((r) => [r.id, r.n]));
        triggerEvents = (db.prepare(`SELECT COUNT(*) AS n FROM events WHERE event = ?`).get(EVENT) as { n: number }).n;
        enrollments = (db.prepare(`SELECT COUNT(*) AS n FROM enrollments`).get() as { n: number }).n;
        outboxRows = (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'startPlaybookRun'`).get() as { n: number }).n;
        integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
      } finally {
        db.close();
      }
      const lost = [...acked].filter((id) => !stored.has(id));
      const twice = [...stored].filter(([, n]) => n > 1);
      const unacknowledged = [...stored.keys()].filter((id) => !acked.has(id));
      checks.check('every event that got a 2xx is stored', lost.length === 0, `${fmt(acked.size - lost.length)} of ${fmt(acked.size)} stored${lost.length ? `; lost e.g. ${lost.slice(0, 5).join(', ')}` : ''}`);
      checks.check('none stored twice', twice.length === 0, `${twice.length} message ids stored more than once`);
      checks.check('every stored event was acknowledged in the end', unacknowledged.length === 0, `${unacknowledged.length} stored events never acknowledged (every batch is retried until a 2xx)`);
      checks.check('each trigger event has one enrollment and one outbox row', triggerEvents === enrollments && enrollments === outboxRows, `${fmt(triggerEvents)} trigger events, ${fmt(enrollments)} enrollments, ${fmt(outboxRows)} outbox rows`);
      checks.check('the database is intact', integrity === 'ok', `PRAGMA integrity_check: ${integrity}`);
      checks.check(`the API was killed ${kills} times and came back each time`, killedWith.length === kills && api.running, `${killedWith.length} kills, running: ${api.running}`);
      return {
        did: `${clients} clients sent ${fmt(batches)} batches of ${batchSize} (${fmt(sentCalls)} events, 1 in 5 a trigger event of a published playbook) to /v1/batch while the API was SIGKILLed ${kills} times at random moments and restarted on the same SQLite file; a batch without a 2xx was retried unchanged.`,
        lost: lost.length + twice.length === 0 ? `nothing: ${fmt(acked.size)} acknowledged events all stored once, every trigger event with one enrollment and one outbox row` : `${lost.length} acknowledged events lost, ${twice.length} stored twice`,
        figures: [
          ['events acknowledged (2xx)', fmt(acked.size)],
          ['events stored', fmt(stored.size)],
          ['lost', fmt(lost.length)],
          ['stored twice', fmt(twice.length)],
          ['attempts without a 2xx (retried)', fmt(failedAttempts)],
          ['kills', String(kills)],
          ['acknowledged events at each kill', killedWith.map(fmt).join(', ')],
          ['trigger events / enrollments / outbox rows', `${fmt(triggerEvents)} / ${fmt(enrollments)} / ${fmt(outboxRows)}`],
          ['SQLite integrity_check', integrity],
        ],
        checks: checks.list,
      };
    } finally {
      await api.stop();
      api.removeData();
    }
  },
};
