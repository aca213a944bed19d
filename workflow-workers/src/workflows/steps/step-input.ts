import type { Step } from '@tripline/playbook';

/** What a step's "running" event shows: its configuration, in the terms the designer uses. */
export function stepInput(step: Step, extra: Record<string, unknown> = {}): unknown {
  switch (step.kind) {
    case 'condition':
      return { when: step.when };
    case 'split':
      return { variants: step.variants };
    case 'wait':
      return { for: step.for, until: step.until, ...extra };
    case 'waitForEvent':
      return { event: step.event, timeout: step.timeout, ...extra };
    case 'approval':
      return { assignees: step.assignees, escalateTo: step.escalateTo, timeout: step.timeout, onTimeout: step.onTimeout, ...extra };
    case 'score':
      return { model: step.model, ...(step.adjust === undefined ? {} : { adjust: step.adjust }) };
    case 'action':
      return { connector: step.connector, action: step.action, connection: step.connection, input: step.input };
    default:
      return undefined;
  }
}
