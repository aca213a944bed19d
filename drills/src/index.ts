import { apiKillDrill } from './api-kill.drill';
import type { Drill } from './drill';
import { graphqlAbuseDrill } from './graphql-abuse.drill';
import { hostileRequestsDrill } from './hostile-requests.drill';
import { hostileTemplatesDrill } from './hostile-templates.drill';
import { ssrfDrill } from './ssrf.drill';
import { temporalRestartDrill } from './temporal-restart.drill';
import { webhookSignaturesDrill } from './webhook-signatures.drill';
import { workerKillDrill } from './worker-kill.drill';

/** Every drill, in the order of docs/reliability.md. */
export const DRILLS: readonly Drill[] = [
  workerKillDrill,
  apiKillDrill,
  temporalRestartDrill,
  hostileRequestsDrill,
  hostileTemplatesDrill,
  webhookSignaturesDrill,
  ssrfDrill,
  graphqlAbuseDrill,
];

export { failuresOf, missedTargetsOf, runDrill } from './drill';
export type { Drill, DrillResult, DrillSize } from './drill';
export { DrillStack } from './support/drill-stack';
export {
  apiKillDrill,
  graphqlAbuseDrill,
  hostileRequestsDrill,
  hostileTemplatesDrill,
  ssrfDrill,
  temporalRestartDrill,
  webhookSignaturesDrill,
  workerKillDrill,
};
