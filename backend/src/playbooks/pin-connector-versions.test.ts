import { createRegistry, defineAction, defineConnector, noAuth } from '@tripline/connector-sdk';
import { demoRequestFollowUp, type ActionStep, type Playbook } from '@tripline/playbook';
import { z } from 'zod';
import { pinConnectorVersions } from './pin-connector-versions';

const send = defineAction({ name: 'send', displayName: 'Send', description: 'Sends', effect: 'read', input: z.object({}), output: z.object({}), run: async () => ({}) });
const registry = createRegistry([defineConnector({ name: 'email', version: '2.3.1', displayName: 'Email', auth: noAuth(), actions: [send] })]);

function withAction(patch: Partial<ActionStep>): Playbook {
  return { ...demoRequestFollowUp, nodes: { only: { kind: 'action', connector: 'email', action: 'send', connection: 'default-email', input: {}, ...patch } }, start: 'only', edges: [] };
}

describe('pinConnectorVersions', () => {
  it('pins an unpinned action step to the installed version and leaves the rest alone', () => {
    const { playbook, problems } = pinConnectorVersions(demoRequestFollowUp, registry);
    expect(problems).toEqual([]);
    const actions = Object.values(playbook.nodes).filter((step): step is ActionStep => step.kind === 'action');
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action.connectorVersion).toBe('2.3.1');
    expect(Object.values(demoRequestFollowUp.nodes).some((step) => step.kind === 'action' && step.connectorVersion !== undefined)).toBe(false);
  });

  it('keeps a version of the same major and refuses another major, naming both', () => {
    expect(pinConnectorVersions(withAction({ connectorVersion: '2.0.0' }), registry)).toMatchObject({ problems: [], playbook: { nodes: { only: { connectorVersion: '2.0.0' } } } });
    expect(pinConnectorVersions(withAction({ connectorVersion: '1.4.0' }), registry).problems).toEqual([
      expect.objectContaining({ nodeId: 'only', message: 'node "only": was built with email 1.4.0; the installed email is 2.3.1, a different major version' }),
    ]);
  });

  it('refuses a connector or an action that is not installed', () => {
    expect(pinConnectorVersions(withAction({ connector: 'fax' }), registry).problems[0]?.message).toBe('node "only": connector "fax" is not installed (installed: email)');
    expect(pinConnectorVersions(withAction({ action: 'shout' }), registry).problems[0]?.message).toBe('node "only": connector "email" has no action "shout" (its actions: send)');
  });
});
