/**
 * The short version of the crash drills (drills/src; `npm run drills` runs them at full size and writes
 * docs/reliability.md): the worker SIGKILLed 5 times across 60 runs, the API SIGKILLed during ingest
 * load, the Temporal server stopped and restarted mid-load. Drills 1 and 3 share one `npm start` stack
 * here (their playbooks, people and mailboxes are their own); the API drill runs the API alone.
 * A missed target (an email delivered twice when a kill falls inside a send) is reported, not failed:
 * this size never kills during a send.
 */
import { apiKillDrill, DrillStack, failuresOf, runDrill, temporalRestartDrill, workerKillDrill } from '../../drills/src';

jest.setTimeout(420_000);

const quiet = () => undefined;

describe('crash drills (short)', () => {
  let stack: DrillStack | undefined;
  const shared = { stack: async () => (stack ??= await DrillStack.start()) };

  afterAll(async () => {
    await stack?.stop();
  });

  it('drill 1: the worker SIGKILLed 5 times across 60 runs loses no run and sends no email twice', async () => {
    const result = await runDrill(workerKillDrill, { size: 'short', log: quiet, ...shared });
    expect(failuresOf(result)).toEqual([]);
    expect(result.checks.find((c) => c.what.startsWith('0 duplicate emails'))).toMatchObject({ passed: true });
  });

  it('drill 3: every run completes and the outbox drains across a Temporal restart', async () => {
    const result = await runDrill(temporalRestartDrill, { size: 'short', log: quiet, ...shared });
    expect(failuresOf(result)).toEqual([]);
  });

  it('drill 2: every event acknowledged while the API is SIGKILLed is stored once', async () => {
    const result = await runDrill(apiKillDrill, { size: 'short', log: quiet });
    expect(failuresOf(result)).toEqual([]);
  });
});
