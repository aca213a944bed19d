// The workflow bundle's entry: every workflow the worker registers.
export { playbookRun } from './playbook-run';
