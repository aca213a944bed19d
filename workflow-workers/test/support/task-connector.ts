import { defineAction, defineAuth, defineConnector, errorFromHttpResponse, type ConnectorRateLimit } from '@tripline/connector-sdk';
import { z } from 'zod';

/** A connector plugin for tests, written as any connector is: it creates and deletes tasks on the task server. */
const auth = defineAuth({ kind: 'none', config: z.object({ baseUrl: z.string().url() }) });

async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw errorFromHttpResponse(response, `${method} ${path}`, text);
  return text ? JSON.parse(text) : undefined;
}

const createTask = defineAction({
  auth,
  name: 'createTask',
  displayName: 'Create task',
  description: 'Creates a task; undone by deleting it',
  effect: 'write',
  outreach: 'crm',
  input: z.object({ title: z.string().min(1) }),
  output: z.object({ id: z.string() }),
  async run({ auth: config, input }) {
    const created = (await call(config.baseUrl, 'POST', '/tasks', { title: input.title })) as { id: string };
    return { id: created.id };
  },
  async undo({ auth: config, output }) {
    try {
      await call(config.baseUrl, 'DELETE', `/tasks/${output.id}`);
    } catch (error) {
      // Already gone is what an undo wants: a retried undo must not fail on its own earlier success.
      if ((error as Error).message.includes('answered 404')) return { deleted: output.id, alreadyGone: true };
      throw error;
    }
    return { deleted: output.id };
  },
});

const announce = defineAction({
  auth,
  name: 'announce',
  displayName: 'Announce',
  description: 'Posts an announcement that cannot be taken back',
  effect: 'write',
  irreversible: true,
  input: z.object({ title: z.string().min(1) }),
  output: z.object({ id: z.string() }),
  async run({ auth: config, input }) {
    return { id: ((await call(config.baseUrl, 'POST', '/tasks', { title: `announce ${input.title}` })) as { id: string }).id };
  },
});

export function taskConnector(rateLimit?: ConnectorRateLimit) {
  return defineConnector({
    name: 'tasks',
    version: '1.0.0',
    displayName: 'Tasks (test)',
    auth,
    actions: [createTask, announce],
    ...(rateLimit ? { rateLimit } : {}),
  });
}
