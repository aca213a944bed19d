import type { z } from 'zod';
import type { AuthConfig, ConnectorAuth } from './auth';

export type ActionEffect = 'read' | 'write';

/**
 * The channel an action reaches a contact through. Actions that declare one are outreach: the
 * workspace's per-contact frequency caps apply to them (across all playbooks).
 */
export type OutreachChannel = 'email' | 'crm' | 'slack' | 'webhook';

/**
 * What the runtime gives an email outreach action besides its input (see executeAction): how the
 * recipient unsubscribes, and where to report addresses the receiving server refused for good.
 */
export interface EmailOutreachHooks {
  /**
   * The recipient's unsubscribe links: an https URL that unsubscribes on POST (RFC 8058 one-click)
   * and, when the workspace has one, a mailto. Email actions put them in `List-Unsubscribe`.
   */
  unsubscribe: { url: string; mailto?: string };
  /** Adds addresses to the workspace's suppression list (e.g. hard bounces: an SMTP 5xx at RCPT TO). */
  suppress(entries: SuppressionReport[]): Promise<void>;
}

export interface SuppressionReport {
  email: string;
  reason: 'hardBounce' | 'complaint';
  /** What the server said, e.g. "550 5.1.1 No such user". */
  detail: string;
}

export interface ActionRunArgs<TAuthConfig, TInput> {
  /** The connection config, already validated against the connector's auth schema. */
  auth: TAuthConfig;
  /** The step input, already rendered and validated against the action's input schema. */
  input: TInput;
  /** Stable across retries, replays and resets of the same step; pass it to the vendor when it supports one. */
  idempotencyKey: string;
  /** Aborted when the activity is cancelled or times out. */
  signal?: AbortSignal;
  /** Set by the runtime for `outreach: 'email'` actions once no recipient is suppressed. */
  emailOutreach?: EmailOutreachHooks;
}

/** What an action's undo gets: the same connection, the input it ran with and the output it returned. */
export interface ActionUndoArgs<TAuthConfig, TInput, TOutput> {
  auth: TAuthConfig;
  input: TInput;
  output: TOutput;
  /** `<the action's idempotency key>:undo`, stable across retries of the undo. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

export interface ActionDefinition<
  TInput extends z.ZodType = z.ZodType,
  TOutput extends z.ZodType = z.ZodType,
  TAuthConfig = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- the registry holds actions of every connector
> {
  name: string;
  displayName: string;
  description: string;
  /** `write` actions change something outside Tripline and go through the idempotency ledger. */
  effect: ActionEffect;
  /** True when the effect cannot be undone (an email once sent); the designer marks such steps. */
  irreversible: boolean;
  /**
   * How to take the effect back (delete the created task, restore the previous value). Run in
   * reverse order when a run fails, is cancelled or is rejected; it should treat "already gone" as
   * done, since it may be retried. Writes with neither `undo` nor `irreversible` are reported as
   * "no undo declared" when a run compensates.
   */
  undo?: (args: ActionUndoArgs<TAuthConfig, z.output<TInput>, z.output<TOutput>>) => Promise<unknown>;
  /** Set for outreach actions: the per-contact frequency caps of this channel apply. */
  outreach?: OutreachChannel;
  /**
   * The email addresses the action reaches, from its validated input. Required for `outreach:
   * 'email'`: the runtime checks them against the workspace's suppression list before running it.
   */
  recipients?: (input: z.output<TInput>) => string[];
  /**
   * Top-level input fields that are HTML templates (an email's `html`): values inserted into them
   * are HTML-escaped when the step is rendered (`| raw` opts out).
   */
  htmlInputs?: readonly string[];
  input: TInput;
  output: TOutput;
  run: (args: ActionRunArgs<TAuthConfig, z.output<TInput>>) => Promise<z.input<TOutput>>;
}

const ACTION_NAME = /^[a-z][a-zA-Z0-9]*$/;
export const OUTREACH_CHANNELS: readonly OutreachChannel[] = ['email', 'crm', 'slack', 'webhook'];

/**
 * Declares one action of a connector. Plain data plus a function, so it is easy to test: call
 * `run` with a config and an input. Pass the connector's `auth` so `run` gets a typed config.
 */
export function defineAction<
  TInput extends z.ZodType,
  TOutput extends z.ZodType,
  TAuth extends ConnectorAuth = ConnectorAuth,
>(action: {
  /** Only used to type `run`'s `auth`; the connector's auth is what validates the config. */
  auth?: TAuth;
  name: string;
  displayName: string;
  description: string;
  effect: ActionEffect;
  irreversible?: boolean;
  undo?: (args: ActionUndoArgs<AuthConfig<TAuth>, z.output<TInput>, z.output<TOutput>>) => Promise<unknown>;
  outreach?: OutreachChannel;
  recipients?: (input: z.output<TInput>) => string[];
  htmlInputs?: readonly string[];
  input: TInput;
  output: TOutput;
  run: (args: ActionRunArgs<AuthConfig<TAuth>, z.output<TInput>>) => Promise<z.input<TOutput>>;
}): ActionDefinition<TInput, TOutput, AuthConfig<TAuth>> {
  if (!ACTION_NAME.test(action.name)) {
    throw new Error(`Action name '${action.name}' must be camelCase letters and digits (e.g. "send", "createTask")`);
  }
  if (action.irreversible && action.effect === 'read') {
    throw new Error(`Action '${action.name}' is a read and cannot be irreversible`);
  }
  if (action.undo && action.effect === 'read') {
    throw new Error(`Action '${action.name}' is a read and has nothing to undo`);
  }
  if (action.undo && action.irreversible) {
    throw new Error(`Action '${action.name}' is declared irreversible and cannot also declare an undo`);
  }
  if (action.outreach && !OUTREACH_CHANNELS.includes(action.outreach)) {
    throw new Error(`Action '${action.name}' has outreach channel '${action.outreach}' (expected one of ${OUTREACH_CHANNELS.join(', ')})`);
  }
  if (action.outreach === 'email' && !action.recipients) {
    throw new Error(`Action '${action.name}' is email outreach and must declare its recipients (the suppression list is checked against them)`);
  }
  const { auth: _typeOnly, ...definition } = action;
  return { ...definition, irreversible: action.irreversible ?? false };
}
