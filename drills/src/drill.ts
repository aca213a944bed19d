/**
 * A drill: does something hostile to the system, then counts what was lost (must be nothing).
 * `short` is the size `npm test` runs, `full` the size `npm run drills` runs and writes to
 * docs/reliability.md. Each check is recorded with its own numbers, so a failure says what broke.
 */
import type { DrillStack } from './support/drill-stack';

export type DrillSize = 'short' | 'full';

export interface DrillContext {
  size: DrillSize;
  /** Progress for a person watching; the result carries the figures. */
  log: (line: string) => void;
  /** A stack shared by the stack drills of one run (npm test shares one); else each starts its own. */
  stack?: () => Promise<DrillStack>;
}

export interface DrillCheck {
  what: string;
  passed: boolean;
  /** The numbers behind it ("0 of 12,000 answered 5xx"). */
  detail: string;
  /**
   * A target the design cannot promise under every crash (docs/reliability.md lists a miss with its
   * cause and what would close it); a missed target does not fail the drill, a missed guarantee does.
   */
  target?: boolean;
}

export interface DrillOutcome {
  /** What the drill did, in one or two sentences with its numbers. */
  did: string;
  /** What was lost or got through: "nothing", or what. */
  lost: string;
  /** Label → value, for the report's table. */
  figures: [string, string | number][];
  checks: DrillCheck[];
  /** Gaps found and what closed them, limits worth knowing. */
  notes?: string[];
}

export interface DrillResult extends DrillOutcome {
  number: number;
  id: string;
  title: string;
  size: DrillSize;
  passed: boolean;
  seconds: number;
  /** Set when the drill itself threw (could not run to the end). */
  error?: string;
}

export interface Drill {
  number: number;
  /** Stable name: `npm run drills -- <id>` runs only this one. */
  id: string;
  title: string;
  run(context: DrillContext): Promise<DrillOutcome>;
}

/** Collects checks: `check(what, passed, detail)`; `failures()` lists the ones that did not hold. */
export class Checks {
  readonly list: DrillCheck[] = [];

  check(what: string, passed: boolean, detail: string): boolean {
    this.list.push({ what, passed, detail });
    return passed;
  }

  /** A target rather than a guarantee (see DrillCheck.target). */
  target(what: string, passed: boolean, detail: string): boolean {
    this.list.push({ what, passed, detail, target: true });
    return passed;
  }

  get passed(): boolean {
    return this.list.every((c) => c.passed || c.target);
  }
}

/** Runs one drill, timing it; a drill that throws is a failed drill with the error recorded. */
export async function runDrill(drill: Drill, context: DrillContext): Promise<DrillResult> {
  const started = Date.now();
  const base = { number: drill.number, id: drill.id, title: drill.title, size: context.size };
  try {
    const outcome = await drill.run(context);
    return { ...base, ...outcome, passed: outcome.checks.length > 0 && outcome.checks.every((c) => c.passed || c.target), seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    const message = (error as Error).stack ?? String(error);
    return {
      ...base,
      did: 'The drill could not run to the end.',
      lost: 'unknown: the drill failed before counting',
      figures: [],
      checks: [{ what: 'the drill ran to the end', passed: false, detail: message.split('\n').slice(0, 6).join('\n') }],
      passed: false,
      seconds: (Date.now() - started) / 1000,
      error: message,
    };
  }
}

/** The failed guarantees of a result, one line each (what a test asserts is empty). */
export function failuresOf(result: DrillResult): string[] {
  return result.checks.filter((c) => !c.passed && !c.target).map((c) => `${c.what}: ${c.detail}`);
}

/** The targets a result missed, one line each. */
export function missedTargetsOf(result: DrillResult): string[] {
  return result.checks.filter((c) => !c.passed && c.target).map((c) => `${c.what}: ${c.detail}`);
}

export const fmt = (n: number): string => n.toLocaleString('en');
export const pct = (part: number, whole: number): string => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(part === whole || part === 0 ? 0 : 2)} %`);
