/**
 * Cron expressions of schedule triggers, read by croner (no dependencies, runs in Node, browsers and
 * the workflow bundle). One place decides which expressions we accept, so validate() and the
 * scheduler never disagree: five fields (minute precision), nicknames such as "@daily", an IANA time
 * zone (default UTC). "?" is refused: croner replaces it with the current time, which is not pure.
 */
import { Cron } from 'croner';

export const DEFAULT_CRON_TIME_ZONE = 'UTC';

export class CronError extends Error {
  override name = 'CronError';
}

/** A paused croner job for the expression: never scheduled, only asked for times. Throws CronError. */
export function compileCron(cron: string, timeZone: string = DEFAULT_CRON_TIME_ZONE): Cron {
  const pattern = cron.trim();
  if (pattern === '') throw new CronError('write a cron expression, e.g. "0 9 * * 1" (Mondays at 9:00)');
  if (pattern.includes('?')) throw new CronError(`"${cron}": "?" is not supported; write "*" or a value`);
  const fields = pattern.split(/\s+/).length;
  if (!pattern.startsWith('@') && fields !== 5) {
    throw new CronError(`"${cron}" has ${fields} field${fields === 1 ? '' : 's'}; write 5: minute hour day-of-month month day-of-week`);
  }
  if (!isTimeZone(timeZone)) throw new CronError(`"${timeZone}" is not a time zone: write an IANA name such as "Europe/Berlin"`);
  try {
    return new Cron(pattern, { mode: pattern.startsWith('@') ? 'auto' : '5-part', timezone: timeZone, paused: true });
  } catch (error) {
    throw new CronError(`"${cron}" is not a cron expression: ${cronMessage(error)}`);
  }
}

/** What is wrong with a schedule, or undefined when it is usable (it parses and runs at least once). */
export function cronProblem(cron: string, timeZone?: string): string | undefined {
  let job: Cron;
  try {
    job = compileCron(cron, timeZone);
  } catch (error) {
    return (error as Error).message;
  }
  // A fixed reference instant keeps this pure; 1970 onwards covers leap days.
  if (job.nextRun(new Date(0)) === null) return `"${cron}" never runs (no such date)`;
  return undefined;
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** croner prefixes its messages with the class name; the user needs only the reason. */
function cronMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Cron[A-Za-z]*:\s*/, '');
}
