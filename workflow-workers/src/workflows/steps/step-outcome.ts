import type { NodeId, PlaybookRunInput } from '@tripline/playbook';
import type { UndoEntry } from '../compensation/undo-entry';

/** What a step hands back to the interpreter: the port it leaves by, and what to report. */
export interface StepOutcome {
  port?: string;
  /** The input as actually used (e.g. the rendered email), when it differs from the step's config. */
  input?: unknown;
  output?: unknown;
  /** 'skipped' when the step did nothing on purpose (e.g. held back by a frequency cap); default 'completed'. */
  status?: 'skipped';
  /** A completed write action's undo, for the run's undo stack (compensation). */
  undo?: UndoEntry;
}

export interface StepContext {
  run: PlaybookRunInput;
  nodeId: NodeId;
  /** 1 on the first visit of this node in this run (counted across continue-as-new and branches). */
  visit: number;
  /** Workflow time (epoch ms) when the step started: the instant its "running" event carries. */
  startedAt: number;
}
