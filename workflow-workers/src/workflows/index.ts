// The workflow bundle's entry: every workflow the worker registers.
export { playbookRun } from './playbook-run';
export { pollConnectorTrigger } from '../polling/poll-connector-trigger.workflow';
export { changeApproval } from '../change-approval/change-approval.workflow';
