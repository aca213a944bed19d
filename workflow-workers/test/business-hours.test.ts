import { wallTimeAt, type EvaluationContext, type RunEvent } from '@tripline/playbook';
import { annContext, playbookOf, runInputFor } from './support/playbooks';
import { eventLines } from './support/run-events';
import { emailTo, startTimeSkippingRig, type TimeSkippingRig } from './support/time-skipping';

jest.setTimeout(120_000);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type StepEvent = Extract<RunEvent, { type: 'step' }>;

/** wait `until` business hours in the subject's time zone, on the time-skipping server (workflow time). */
describe('wait until business hours', () => {
  let rig: TimeSkippingRig;

  beforeAll(async () => {
    rig = await startTimeSkippingRig();
  });
  afterAll(async () => rig?.stop());

  async function runWait(wait: Extract<Parameters<typeof playbookOf>[1][string], { kind: 'wait' }>, context: EvaluationContext = annContext) {
    const input = runInputFor(
      playbookOf('office', { office: wait, nudge: emailTo('nudge'), done: { kind: 'end' } }, [
        { from: 'office', to: 'nudge' },
        { from: 'nudge', to: 'done' },
      ]),
      context,
    );
    const handle = await rig.start(input);
    await expect(handle.result()).resolves.toMatchObject({ status: 'completed' });
    const events = rig.harness.workerApi.eventsOf(input.runId);
    expect(eventLines(events).slice(0, 3)).toEqual(['run running', 'step office running', 'step office completed']);
    const running = events[1] as StepEvent & { input: { wakeAt: string; timeZone: string } };
    const completed = events[2] as StepEvent & { output: Record<string, unknown> };
    return { startedAt: Date.parse(running.at), wokeAt: Date.parse(completed.at), running, completed };
  }

  it("sleeps until the start hour on the next business day in the person's time zone", async () => {
    // A window of one hour on one weekday, three local days from now: certainly closed now.
    const zone = 'America/New_York';
    const now = wallTimeAt(await rig.env.currentTimeMs(), zone);
    const day = (now.weekday + 3) % 7;
    const person = { ...annContext.person!, traits: { ...annContext.person!.traits, timezone: zone } };
    const { startedAt, wokeAt, running, completed } = await runWait(
      { kind: 'wait', until: { days: [day], startHour: 10, endHour: 11 } },
      { ...annContext, person },
    );

    const woke = wallTimeAt(wokeAt, zone);
    expect([woke.weekday, woke.hour]).toEqual([day, 10]);
    expect(wokeAt - startedAt).toBeGreaterThan(2 * DAY_MS);
    expect(wokeAt - startedAt).toBeLessThan(4 * DAY_MS);
    // The announced wake time is the 10:00 local the timer fired at (to the minute: reports happen right after).
    const announced = Date.parse(running.input.wakeAt);
    expect(wallTimeAt(announced, zone)).toMatchObject({ weekday: day, hour: 10, minute: 0, second: 0 });
    expect(wokeAt).toBeGreaterThanOrEqual(announced);
    expect(wokeAt - announced).toBeLessThan(60_000);
    expect(running.input.timeZone).toBe(zone);
    expect(completed.output).toMatchObject({ timeZone: zone, timeZoneFrom: 'person', wokeAt: running.input.wakeAt });
    expect(rig.harness.catcher.messages().map((m) => m.subject)).toContain('nudge');
  });

  it("waits `for` first, then until business hours; the step's own time zone beats the person's", async () => {
    const startMs = await rig.env.currentTimeMs();
    const afterADay = new Date(startMs + DAY_MS);
    // An hour of every day that starts 3–4 hours after "a day from now" (in UTC), so the `for` matters.
    const startHour = (afterADay.getUTCHours() + 3) % 24;
    const person = { ...annContext.person!, traits: { ...annContext.person!.traits, timeZone: 'Asia/Tokyo' } };
    const { startedAt, wokeAt, running, completed } = await runWait(
      { kind: 'wait', for: '1d', until: { timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], startHour, endHour: startHour + 1 } },
      { ...annContext, person },
    );

    const dayLater = new Date(startedAt + DAY_MS);
    let expected = Date.UTC(dayLater.getUTCFullYear(), dayLater.getUTCMonth(), dayLater.getUTCDate(), startHour);
    if (expected < dayLater.getTime()) expected += DAY_MS;
    expect(Date.parse(running.input.wakeAt)).toBe(expected);
    expect(wokeAt).toBeGreaterThanOrEqual(expected);
    expect(wokeAt - startedAt).toBeGreaterThan(DAY_MS);
    expect(completed.output).toMatchObject({ timeZone: 'UTC', timeZoneFrom: 'step' });
  });

  it('uses UTC when the person has no usable time zone, and says which trait it ignored', async () => {
    const person = { ...annContext.person!, traits: { ...annContext.person!.traits, timezone: 'Somewhere/Else' } };
    const now = new Date(await rig.env.currentTimeMs());
    const startHour = (now.getUTCHours() + 2) % 24;
    const { wokeAt, completed } = await runWait({ kind: 'wait', until: { days: [0, 1, 2, 3, 4, 5, 6], startHour, endHour: startHour + 1 } }, { ...annContext, person });
    expect(new Date(wokeAt).getUTCHours()).toBe(startHour);
    expect(completed.output).toMatchObject({ timeZone: 'UTC', timeZoneFrom: 'default', ignoredTimeZoneTrait: 'Somewhere/Else' });
  });

  it('does not sleep at all when business hours are open now', async () => {
    const { startedAt, wokeAt, completed } = await runWait({ kind: 'wait', until: { timeZone: 'Europe/Berlin', days: [0, 1, 2, 3, 4, 5, 6], startHour: 0, endHour: 24 } });
    expect(wokeAt - startedAt).toBeLessThan(60_000);
    expect(completed.output).toMatchObject({ timeZone: 'Europe/Berlin', timeZoneFrom: 'step' });
  });
});
