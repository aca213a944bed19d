import type { NodeId, RunLimits, RunResume } from '@tripline/playbook';
import { runFailure } from '../failure-message';

/** Steps an enrollment may take in all (across continue-as-new) before it fails as looping. */
export const MAX_STEPS_PER_RUN = 1000;
/** Steps one workflow history runs before continuing as new (Temporal may suggest it earlier). */
export const DEFAULT_STEPS_PER_HISTORY = 250;

/**
 * What the interpreter counts while it walks the graph: the path, each node's visits (the
 * `<visit>` of idempotency keys), and the steps taken, in this history and in all. It survives
 * continue-as-new through RunResume. Branches of a parallel share it: a node gets its visit
 * number when a branch reaches it, in workflow order, which replay reproduces exactly.
 */
export class RunState {
  readonly path: NodeId[];
  private readonly visits: Map<NodeId, number>;
  private stepsTaken: number;
  private stepsThisHistory = 0;
  readonly continuedAsNew: number;
  readonly maxSteps: number;
  readonly stepsPerHistory: number;

  constructor(resume: RunResume | undefined, limits: RunLimits = {}) {
    this.path = [...(resume?.path ?? [])];
    this.visits = new Map(Object.entries(resume?.visits ?? {}));
    this.stepsTaken = resume?.stepsTaken ?? 0;
    this.continuedAsNew = resume?.continuedAsNew ?? 0;
    this.maxSteps = positive(limits.maxSteps) ?? MAX_STEPS_PER_RUN;
    this.stepsPerHistory = positive(limits.stepsPerHistory) ?? DEFAULT_STEPS_PER_HISTORY;
  }

  /** Counts a step at `nodeId` and returns its visit number (1 on the first visit). */
  enter(nodeId: NodeId): number {
    if (this.stepsTaken >= this.maxSteps) {
      throw runFailure(`the run visited ${this.maxSteps} steps without ending; is the playbook looping?`, 'TooManySteps');
    }
    this.stepsTaken += 1;
    this.stepsThisHistory += 1;
    this.path.push(nodeId);
    const visit = (this.visits.get(nodeId) ?? 0) + 1;
    this.visits.set(nodeId, visit);
    return visit;
  }

  /** Whether this history has run its share of steps (at least one, so a continued run always progresses). */
  historyBudgetSpent(): boolean {
    return this.stepsThisHistory >= this.stepsPerHistory;
  }

  hasRunSteps(): boolean {
    return this.stepsThisHistory > 0;
  }

  /** Where a continued run picks up: at `nodeId`, with these counters. */
  resumeAt(nodeId: NodeId, carry: Record<string, unknown>): RunResume {
    return {
      nodeId,
      visits: Object.fromEntries(this.visits),
      path: [...this.path],
      stepsTaken: this.stepsTaken,
      continuedAsNew: this.continuedAsNew + 1,
      ...(Object.keys(carry).length > 0 ? { carry } : {}),
    };
  }
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}
