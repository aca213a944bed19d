import { DEFAULT_TASK_QUEUE } from '@tripline/playbook';

export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  apiUrl: string;
  internalToken: string;
}

/** The worker's settings from the environment (README "Configuration"); a missing token is an error. */
export function readWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const internalToken = env.TRIPLINE_INTERNAL_TOKEN ?? '';
  if (!internalToken) {
    throw new Error(
      'TRIPLINE_INTERNAL_TOKEN is not set: the worker needs the token the API expects on /internal/* (npm start sets it)',
    );
  }
  const apiUrl = env.TRIPLINE_API_URL || 'http://127.0.0.1:3000';
  try {
    new URL(apiUrl);
  } catch {
    throw new Error(`TRIPLINE_API_URL is not a URL: '${apiUrl}'`);
  }
  return {
    temporalAddress: env.TEMPORAL_ADDRESS || '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TRIPLINE_TASK_QUEUE || DEFAULT_TASK_QUEUE,
    apiUrl,
    internalToken,
  };
}
