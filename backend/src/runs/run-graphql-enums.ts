import { registerEnumType } from '@nestjs/graphql';
import { RUN_STATUSES } from './run-status';

// GraphQL enums mirror the string unions of @tripline/playbook run-types.
export const RunStatusEnum = Object.fromEntries(RUN_STATUSES.map((s) => [s, s])) as { [K in (typeof RUN_STATUSES)[number]]: K };
export const StepStatusEnum = { running: 'running', completed: 'completed', failed: 'failed', skipped: 'skipped' } as const;

registerEnumType(RunStatusEnum, { name: 'RunStatus' });
registerEnumType(StepStatusEnum, { name: 'StepStatus' });
