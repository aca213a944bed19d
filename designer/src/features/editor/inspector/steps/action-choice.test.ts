import type { ActionStep } from '@tripline/playbook';
import { connectorsFrom, findAction } from '../../../../store/catalogue-store';
import { CONNECTOR_CATALOGUE } from '../test-support/catalogue';
import { actionChange, connectorChange } from './action-choice';

const connectors = connectorsFrom({ connectorCatalogue: CONNECTOR_CATALOGUE, scoringModels: [] });
const email: ActionStep = {
  kind: 'action',
  connector: 'email',
  connectorVersion: '0.1.0',
  action: 'send',
  connection: 'default-email',
  input: { to: '{{ person.traits.email }}', subject: 'Hi', text: 'Hello' },
};

describe('choosing a connector or an action', () => {
  it('follows a new connector with its first action, its connection, and the inputs that still apply', () => {
    const hubspot = connectors.find((entry) => entry.name === 'hubspot');
    expect(connectorChange(email, hubspot, 'hubspot', [{ id: 'c1', name: 'hubspot-prod', connector: 'hubspot' }])).toEqual({
      connector: 'hubspot',
      connectorVersion: undefined,
      action: 'createTask',
      connection: 'hubspot-prod',
      input: { subject: 'Hi' },
    });
    expect(connectorChange(email, undefined, 'email', [])).toEqual({});
  });

  it('keeps the inputs the new action takes', () => {
    const post = findAction(connectors, 'slack', 'postMessage');
    expect(actionChange({ ...email, connector: 'slack', action: 'postWebhookMessage', input: { text: 'x', channel: '#a', other: 1 } }, post, 'postMessage')).toEqual({
      action: 'postMessage',
      input: { text: 'x', channel: '#a' },
    });
  });
});
