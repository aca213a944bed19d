import { TriplineConfig } from '../config/tripline-config';
import { RunStepEntity } from './run-step.entity';
import { RunEntity } from './run.entity';
import { RunStepModel } from './run-step.model';
import { RunModel } from './run.model';

/** The Temporal Web UI page of a run's workflow. */
export function temporalUiUrl(temporal: TriplineConfig['temporal'], workflowId: string): string {
  return `${temporal.uiUrl}/namespaces/${encodeURIComponent(temporal.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/**
 * Steps in the order the API recorded them. Timestamps cannot order them: steps run in one workflow
 * task share the workflow's clock reading.
 */
export function orderSteps(steps: RunStepEntity[]): RunStepEntity[] {
  return [...steps].sort((a, b) => a.seq - b.seq);
}

export function toRunStepModel(step: RunStepEntity): RunStepModel {
  return {
    id: step.id,
    stepId: step.stepId,
    kind: step.kind,
    status: step.status,
    port: step.port,
    // Masked when stored (RunsService.applyEvent): secrets are never at rest here nor shown.
    input: step.input ?? null,
    output: step.output ?? null,
    error: step.error,
    startedAt: step.startedAt,
    finishedAt: step.finishedAt,
  };
}

export function toRunModel(run: RunEntity, steps: RunStepEntity[], temporal: TriplineConfig['temporal']): RunModel {
  return {
    id: run.id,
    playbookId: run.playbookId,
    playbookName: run.playbookName,
    playbookVersion: run.playbookVersion,
    workflowId: run.workflowId,
    status: run.status,
    subjectKind: run.subjectKind,
    subjectId: run.subjectId,
    error: run.error,
    temporalUiUrl: temporalUiUrl(temporal, run.workflowId),
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
    steps: orderSteps(steps).map(toRunStepModel),
  };
}
