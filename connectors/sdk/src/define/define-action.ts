import type { z } from 'zod';
import type { AuthConfig, ConnectorAuth } from './auth';

export type ActionEffect = 'read' | 'write';

export interface ActionRunArgs<TAuthConfig, TInput> {
  /** The connection config, already validated against the connector's auth schema. */
  auth: TAuthConfig;
  /** The step input, already rendered and validated against the action's input schema. */
  input: TInput;
  /** Stable across retries, replays and resets of the same step; pass it to the vendor when it supports one. */
  idempotencyKey: string;
  /** Aborted when the activity is cancelled or times out. */
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
  input: TInput;
  output: TOutput;
  run: (args: ActionRunArgs<TAuthConfig, z.output<TInput>>) => Promise<z.input<TOutput>>;
}

const ACTION_NAME = /^[a-z][a-zA-Z0-9]*$/;

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
  const { auth: _typeOnly, ...definition } = action;
  return { ...definition, irreversible: action.irreversible ?? false };
}
