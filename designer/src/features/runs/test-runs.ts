/** Runs as the API returns them, for the runs pages' tests. */
import type { Run, RunStep } from '../../api/types';

export function testStep(stepId: string, status: RunStep['status'], extra: Partial<RunStep> = {}): RunStep {
  return {
    id: `${stepId}-row`,
    stepId,
    kind: 'action',
    status,
    port: null,
    input: null,
    output: null,
    error: null,
    startedAt: '2026-01-01T10:00:00Z',
    finishedAt: null,
    ...extra,
  };
}

export function testRun(id: string, extra: Partial<Run> = {}): Run {
  return {
    id,
    playbookId: 'pb-1',
    playbookName: 'Demo request follow-up',
    playbookVersion: 1,
    workflowId: `tripline:ws:${id}`,
    status: 'running',
    subjectKind: 'person',
    subjectId: 'user-1',
    error: null,
    temporalUiUrl: `http://localhost:8233/namespaces/default/workflows/tripline:ws:${id}`,
    startedAt: '2026-01-01T10:00:00Z',
    updatedAt: '2026-01-01T10:00:00Z',
    finishedAt: null,
    steps: [],
    ...extra,
  };
}
