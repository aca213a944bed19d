import type { NodeId, PlaybookRunInput } from '@tripline/playbook';

/** What a step hands back to the interpreter: the port it leaves by, and what to report. */
export interface StepOutcome {
  port?: string;
  /** The input as actually used (e.g. the rendered email), when it differs from the step's config. */
  input?: unknown;
  output?: unknown;
}

export interface StepContext {
  run: PlaybookRunInput;
  nodeId: NodeId;
  /** 1 on the first visit of this node in this run. */
  visit: number;
}
