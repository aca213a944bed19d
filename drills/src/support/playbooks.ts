import type { Playbook } from '@tripline/playbook';

/** "event → (wait) → one email to the person → end": one run per person, one email per run. */
export function emailPlaybook(args: { id: string; name: string; event: string; wait?: string; reenroll?: 'never' | 'always' }): Playbook {
  const email = {
    kind: 'action' as const,
    connector: 'email',
    action: 'send',
    connection: 'default-email',
    input: { to: '{{ person.traits.email }}', subject: `${args.name} for {{ person.traits.firstName }}`, text: 'Hello {{ person.traits.firstName }}.' },
  };
  return {
    schemaVersion: 1,
    id: args.id,
    version: 1,
    name: args.name,
    trigger: { kind: 'event', event: args.event },
    enrollment: { subject: 'person', reenroll: args.reenroll ?? 'never' },
    start: args.wait ? 'pause' : 'send',
    nodes: { ...(args.wait ? { pause: { kind: 'wait' as const, for: args.wait } } : {}), send: email, done: { kind: 'end' as const } },
    edges: [...(args.wait ? [{ from: 'pause', to: 'send' }] : []), { from: 'send', to: 'done' }],
  } as Playbook;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
