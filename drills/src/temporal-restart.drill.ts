/**
 * Drill 3: stop and restart the Temporal dev server mid-load. On the `npm start` stack (Temporal run
 * by the drill, on the stack's port and database file), events keep arriving while Temporal is stopped
 * (SIGTERM) for a few seconds and started again on the same database, more than once. Firings made
 * while it is down wait in the outbox. Then: every run completed with one email and one ledger entry,
 * and the outbox drained (no pending rows).
 */
import { Checks, type Drill, fmt } from './drill';
import { emailPlaybook, sleep } from './support/playbooks';
import { SeededRandom } from './support/seeded-random';
import { withStack } from './support/drill-stack';

const EVENT = 'Temporal Restart Drill';
const DOMAIN = 'temporal-restart.drill.test';
const SIZES = { short: { runs: 60, restarts: 1, downMs: [3_000, 6_000] }, full: { runs: 600, restarts: 4, downMs: [3_000, 20_000] } };
const TERMINAL = ['completed', 'failed', 'cancelled', 'compensated'];

export const temporalRestartDrill: Drill = {
  number: 3,
  id: 'temporal-restart',
  title: 'Stop and restart the Temporal server mid-load',
  async run(context) {
    const { size, log } = context;
    const { runs: total, restarts, downMs } = SIZES[size];
    return withStack(context, log, async (stack) => {
      const checks = new Checks();
      const rng = new SeededRandom(3_000);
      const playbookId = await stack.publish(emailPlaybook({ id: 'temporal-restart-drill', name: 'Temporal restart drill', event: EVENT, wait: '1s' }));
      const people = Array.from({ length: total }, (_, i) => ({ userId: `tr-${i}`, email: `tr-${i}@${DOMAIN}`, firstName: `T${i}` }));
      const runRows = () => stack.query<{ workflow_id: string; status: string }>(`SELECT workflow_id, status FROM runs WHERE playbook_id = ?`, playbookId);
      const pendingOutbox = () => stack.query<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'`)[0]!.n;
      const ours = async () => (await stack.mailbox()).filter((m) => JSON.stringify(m.to).includes(`@${DOMAIN}`));

      // Events in batches of 5 people, steadily, across the restarts.
      const batches: (typeof people)[] = [];
      for (let i = 0; i < people.length; i += 5) batches.push(people.slice(i, i + 5));
      const span = restarts * (downMs[1]! + 6_000);
      let ingested = 0;
      let refusedWhileDown = 0;
      const ingest = (async () => {
        for (const batch of batches) {
          const calls = batch.flatMap((p) => [
            { type: 'identify', userId: p.userId, messageId: `tr-identify-${p.userId}`, traits: { email: p.email, firstName: p.firstName } },
            { type: 'track', userId: p.userId, messageId: `tr-track-${p.userId}`, event: EVENT },
          ]);
          while ((await stack.ingest(calls).catch(() => 0)) !== 200) {
            stack.assertRunning();
            refusedWhileDown += 1;
            await sleep(500);
          }
          ingested += batch.length;
          await sleep(span / batches.length);
        }
      })();
      ingest.catch(() => undefined); // awaited below; a failure must not end the process before that

      const outages: { downMs: number; pendingAtRestart: number; ingestedWhileDown: number }[] = [];
      for (let r = 0; r < restarts; r++) {
        await sleep(rng.int(2_000, 5_000));
        stack.assertRunning();
        const before = ingested;
        await stack.temporal.stop('SIGTERM');
        const down = rng.int(downMs[0]!, downMs[1]!);
        await sleep(down);
        const pendingAtRestart = pendingOutbox();
        await stack.temporal.start();
        outages.push({ downMs: down, pendingAtRestart, ingestedWhileDown: ingested - before });
        log(`restart ${r + 1}/${restarts}: down ${(down / 1000).toFixed(1)} s, ${ingested - before} people ingested meanwhile, ${pendingAtRestart} firings waiting in the outbox`);
      }
      await ingest;

      const deadline = Date.now() + (size === 'full' ? 900_000 : 240_000);
      let rows = runRows();
      let pending = pendingOutbox();
      while (Date.now() < deadline && !(pending === 0 && rows.length === total && rows.every((r) => TERMINAL.includes(r.status)))) {
        await sleep(1_000);
        stack.assertRunning();
        rows = runRows();
        pending = pendingOutbox();
      }
      await sleep(1_000);
      const messages = await ours();
      const perRecipient = new Map<string, number>();
      for (const m of messages) for (const to of [m.to].flat()) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
      const duplicates = [...perRecipient].filter(([, n]) => n > 1).length;
      const completed = rows.filter((r) => r.status === 'completed').length;
      const ledger = new Map(stack.query<{ key: string; state: string }>(`SELECT key, state FROM side_effect_ledger WHERE key LIKE 'tripline:%'`).map((e) => [e.key, e.state]));
      const ledgerOk = rows.filter((r) => ledger.get(`${r.workflow_id}:send:1`) === 'completed').length;
      const failedRows = stack.query<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'failed'`)[0]!.n;
      const waited = outages.reduce((n, o) => n + o.pendingAtRestart, 0);

      checks.check('every run completed', rows.length === total && completed === total, `${fmt(completed)} of ${fmt(total)} (${fmt(rows.length)} runs)`);
      checks.check('the outbox drained', pending === 0 && failedRows === 0, `${pending} pending, ${failedRows} failed`);
      checks.check('firings made while Temporal was down waited in the outbox', waited > 0, `${waited} outbox rows pending at the restarts`);
      checks.check('one email per person, none twice', messages.length === total && duplicates === 0 && perRecipient.size === total, `${fmt(messages.length)} emails, ${perRecipient.size} people, ${duplicates} duplicates`);
      checks.check('one completed ledger entry per run', ledgerOk === total, `${fmt(ledgerOk)} of ${fmt(total)}`);
      checks.check('the API and the worker stayed up', stack.local.exitCode === null && stack.worker.pid !== undefined, `npm start ${stack.local.exitCode === null ? 'running' : `exited ${stack.local.exitCode}`}`);
      return {
        did: `Ran ${fmt(total)} runs of "event → wait 1 s → email → end" on the \`npm start\` stack with events arriving throughout, and stopped the Temporal dev server (SIGTERM) ${restarts} time(s) for ${outages.map((o) => `${(o.downMs / 1000).toFixed(1)} s`).join(', ')}, starting it again on the same database; the API and the worker stayed up.`,
        lost: completed === total && pending === 0 && duplicates === 0 ? `nothing: ${fmt(total)} runs completed, the outbox drained, ${fmt(total)} emails, 0 duplicates` : `${total - completed} runs not completed, ${pending} outbox rows pending, ${duplicates} duplicates`,
        figures: [
          ['runs', fmt(total)],
          ['restarts', String(restarts)],
          ['downtime per restart', outages.map((o) => `${(o.downMs / 1000).toFixed(1)} s`).join(', ')],
          ['people ingested while Temporal was down', outages.map((o) => o.ingestedWhileDown).join(', ')],
          ['firings waiting in the outbox at each restart', outages.map((o) => o.pendingAtRestart).join(', ')],
          ['ingest requests refused meanwhile', String(refusedWhileDown)],
          ['completed', fmt(completed)],
          ['emails / duplicates', `${fmt(messages.length)} / ${duplicates}`],
          ['outbox pending / failed at the end', `${pending} / ${failedRows}`],
        ],
        checks: checks.list,
      };
    });
  },
};
