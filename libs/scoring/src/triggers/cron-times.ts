import { compileCron, DEFAULT_CRON_TIME_ZONE } from '@tripline/playbook';

type Job = ReturnType<typeof compileCron>;

/** Compiled expressions by "<zone> <cron>": a memo (same input, same answer), capped in size. */
const jobs = new Map<string, Job>();
const MAX_JOBS = 200;

function jobFor(cron: string, timeZone: string): Job {
  const key = `${timeZone} ${cron}`;
  let job = jobs.get(key);
  if (job === undefined) {
    job = compileCron(cron, timeZone);
    if (jobs.size >= MAX_JOBS) jobs.clear();
    jobs.set(key, job);
  }
  return job;
}

/**
 * The next `count` times (epoch ms, ascending) a 5-field cron expression fires strictly after
 * `after`, in `timeZone` (IANA name, default UTC; daylight saving handled by croner). Fewer when the
 * expression runs out. Throws CronError for an expression validate() would refuse.
 */
export function nextCronTimes(cron: string, after: number, timeZone: string = DEFAULT_CRON_TIME_ZONE, count = 1): number[] {
  if (!Number.isInteger(count) || count < 0 || count > 10_000) throw new RangeError('count is a whole number from 0 to 10000');
  return jobFor(cron, timeZone)
    .nextRuns(count, new Date(after))
    .map((date) => date.getTime());
}

/** Whether the expression fires in (from, to]: what a tick covering that span must run. */
export function cronFiresBetween(cron: string, from: number, to: number, timeZone: string = DEFAULT_CRON_TIME_ZONE): boolean {
  const next = jobFor(cron, timeZone).nextRun(new Date(from));
  return next !== null && next.getTime() <= to;
}
