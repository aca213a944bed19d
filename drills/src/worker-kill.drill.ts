/**
 * Drill 1: SIGKILL the worker at random points across many runs. The real `npm start` stack runs
 * "event → wait 1 s → email → end" for one person per run; events arrive in batches through the whole
 * drill while the worker is SIGKILLed at random moments (runs starting, waiting, sending, reporting)
 * and started again after a random pause. Then: every run completed (0 lost), every person got one
 * email (never two different ones), the ledger holds one completed entry per run, and — the target —
 * the SMTP server received no email twice. (e2e/test/worker-crash.e2e.test.ts is the single-kill
 * version.) The short size (npm test) kills only at moments when no email is being sent: a kill
 * during a send costs that action its 2-minute start-to-close timeout, too long for npm test.
 */
import { Checks, type Drill, fmt } from './drill';
import { withStack } from './support/drill-stack';
import { emailPlaybook, sleep } from './support/playbooks';
import { SeededRandom } from './support/seeded-random';

const EVENT = 'Worker Kill Drill';
const DOMAIN = 'worker-kill.drill.test';
const SIZES = { short: { runs: 60, kills: 5 }, full: { runs: 1_000, kills: 50 } };
const TERMINAL = ['completed', 'failed', 'cancelled', 'compensated'];

export const workerKillDrill: Drill = {
  number: 1,
  id: 'worker-kill',
  title: 'SIGKILL the worker at random points across runs',
  async run(context) {
    const { size, log } = context;
    const { runs: total, kills } = SIZES[size];
    return withStack(context, log, async (stack) => {
      const checks = new Checks();
      const rng = new SeededRandom(1_000);
      const playbookId = await stack.publish(emailPlaybook({ id: 'worker-kill-drill', name: 'Worker kill drill', event: EVENT, wait: '1s' }));
      const people = Array.from({ length: total }, (_, i) => ({ userId: `wk-${i}`, email: `wk-${i}@${DOMAIN}`, firstName: `P${i}` }));
      const runRows = () => stack.query<{ workflow_id: string; status: string }>(`SELECT workflow_id, status FROM runs WHERE playbook_id = ?`, playbookId);
      const ours = async () => (await stack.mailbox()).filter((m) => JSON.stringify(m.to).includes(`@${DOMAIN}`));

      // Events in batches of 10 people spread over the kill schedule (about 10 s per kill, restart included).
      const batches: (typeof people)[] = [];
      for (let i = 0; i < people.length; i += 10) batches.push(people.slice(i, i + 10));
      const interval = (kills * 11_000 * 0.8) / batches.length;
      let ingested = 0;
      let ingestFailures = 0;
      const ingest = (async () => {
        for (const batch of batches) {
          const calls = batch.flatMap((p) => [
            { type: 'identify', userId: p.userId, messageId: `wk-identify-${p.userId}`, traits: { email: p.email, firstName: p.firstName } },
            { type: 'track', userId: p.userId, messageId: `wk-track-${p.userId}`, event: EVENT },
          ]);
          while ((await stack.ingest(calls).catch(() => 0)) !== 200) {
            stack.assertRunning();
            ingestFailures += 1;
            await sleep(500);
          }
          ingested += batch.length;
          await sleep(interval);
        }
      })();
      ingest.catch(() => undefined); // awaited below; a failure must not end the process before that

      const sending = () =>
        stack.query<{ n: number }>(`SELECT COUNT(*) AS n FROM run_steps s JOIN runs r ON r.id = s.run_id WHERE r.playbook_id = ? AND s.step_id = 'send' AND s.status = 'running'`, playbookId)[0]!.n;
      const atKill: { completed: number; inFlight: number; emails: number; sending: number }[] = [];
      for (let k = 0; k < kills; k++) {
        await sleep(rng.int(500, 6_000));
        stack.assertRunning();
        if (size === 'short') {
          const until = Date.now() + 10_000;
          while (sending() > 0 && Date.now() < until) await sleep(50);
        }
        const rows = runRows();
        const completed = rows.filter((r) => r.status === 'completed').length;
        atKill.push({ completed, inFlight: rows.length - completed, emails: (await ours()).length, sending: sending() });
        await stack.worker.kill();
        await sleep(rng.int(0, 1_500));
        await stack.worker.start();
        if ((k + 1) % 5 === 0 || k + 1 === kills) log(`kill ${k + 1}/${kills}: ${fmt(ingested)} people ingested, ${fmt(completed)} runs completed, ${fmt(rows.length - completed)} in flight at the kill`);
      }
      await ingest;
      const lastKillAt = Date.now();

      const deadline = Date.now() + (size === 'full' ? 900_000 : 240_000);
      let rows = runRows();
      while (Date.now() < deadline && !(rows.length === total && rows.every((r) => TERMINAL.includes(r.status)))) {
        await sleep(1_000);
        stack.assertRunning();
        rows = runRows();
      }
      const drainSeconds = (Date.now() - lastKillAt) / 1000;
      await sleep(1_000); // the last emails reach the mailbox
      const messages = await ours();
      const perRecipient = new Map<string, string[]>();
      for (const m of messages) for (const to of [m.to].flat()) perRecipient.set(to, [...(perRecipient.get(to) ?? []), m.messageId]);
      const duplicates = [...perRecipient].filter(([, ids]) => ids.length > 1);
      // A copy with the same Message-ID is the same email sent again; another id would be a second email.
      const twoDifferent = duplicates.filter(([, ids]) => new Set(ids).size > 1);
      const missing = people.filter((p) => !perRecipient.has(p.email));
      const completed = rows.filter((r) => r.status === 'completed').length;
      const ledger = stack.query<{ key: string; state: string }>(`SELECT key, state FROM side_effect_ledger WHERE key LIKE 'tripline:%'`);
      const byKey = new Map(ledger.map((e) => [e.key, e.state]));
      const ledgerOk = rows.filter((r) => byKey.get(`${r.workflow_id}:send:1`) === 'completed').length;
      const ledgerMine = ledger.filter((e) => rows.some((r) => e.key.startsWith(`${r.workflow_id}:`)));
      const inFlight = atKill.map((a) => a.inFlight);

      checks.check('every run completed (0 lost)', rows.length === total && completed === total, `${fmt(completed)} of ${fmt(total)} completed (${fmt(rows.length)} runs, statuses: ${[...new Set(rows.map((r) => r.status))].join(', ')})`);
      checks.check('every person got an email, none two different ones', missing.length === 0 && twoDifferent.length === 0, `${fmt(perRecipient.size)} of ${fmt(total)} people got one; ${twoDifferent.length} got two with different Message-IDs`);
      checks.check('one completed ledger entry per run', ledgerOk === total && ledgerMine.length === total, `${fmt(ledgerOk)} completed send entries, ${fmt(ledgerMine.length)} entries for these runs`);
      checks.check(`the worker was killed ${kills} times mid-run`, atKill.length === kills && atKill.some((a) => a.inFlight > 0), `runs in flight at the kills: ${Math.min(...inFlight)}–${Math.max(...inFlight)}`);
      checks.target(
        '0 duplicate emails in the SMTP received log',
        duplicates.length === 0,
        duplicates.length === 0
          ? `${fmt(messages.length)} emails for ${fmt(total)} people`
          : `${duplicates.length} sent twice, each time with the same Message-ID (the kill fell between the SMTP server's acceptance and the ledger's completion): ${duplicates.slice(0, 3).map(([to]) => to).join(', ')}`,
      );
      return {
        did: `Ran ${fmt(total)} runs of "event → wait 1 s → email → end" on the \`npm start\` stack, events arriving in batches of 10 people throughout, and SIGKILLed the worker ${kills} times at random moments (0.5–6 s after it was up again${size === 'short' ? ', and while no email was being sent' : ''}), restarting it after 0–1.5 s.`,
        lost:
          completed === total && missing.length === 0 && twoDifferent.length === 0
            ? `no run or email lost: ${fmt(total)} runs completed, one ledger entry each; ${duplicates.length === 0 ? '0 duplicates' : `but ${duplicates.length} email(s) delivered twice (same Message-ID)`}`
            : `${total - completed} runs not completed, ${missing.length} people without an email, ${twoDifferent.length} with two different ones`,
        figures: [
          ['runs', fmt(total)],
          ['kills', String(kills)],
          ['runs in flight at each kill (min / median / max)', `${Math.min(...inFlight)} / ${[...inFlight].sort((a, b) => a - b)[Math.floor(inFlight.length / 2)]} / ${Math.max(...inFlight)}`],
          ['completed', fmt(completed)],
          ['emails received by the SMTP server', fmt(messages.length)],
          ['emails delivered twice (same Message-ID) / two different emails', `${duplicates.length} / ${twoDifferent.length}`],
          ['kills while an email was being sent', String(atKill.filter((a) => a.sending > 0).length)],
          ['ledger entries (completed)', `${fmt(ledgerMine.length)} (${fmt(ledgerOk)})`],
          ['ingest retries (API busy)', String(ingestFailures)],
          ['time from the last restart until every run finished', `${drainSeconds.toFixed(0)} s`],
        ],
        checks: checks.list,
        notes: [
          "The ledger claims a step key before the send and completes it after; an attempt that finds the key claimed but not completed sends again, because the first attempt's outcome is unknown. A kill between the SMTP server's acceptance and the completion therefore delivers the email twice, with the same Message-ID (derived from the key), by which mail clients recognise the copy. Exactly-once across SMTP needs the receiver: no sender-side bookkeeping can close that window.",
          'A kill during a send is noticed by its 30 s heartbeat timeout (executeAction heartbeats every 5 s), after which the action is retried on the restarted worker and the ledger decides whether it acts again.',
        ],
      };
    });
  },
};
