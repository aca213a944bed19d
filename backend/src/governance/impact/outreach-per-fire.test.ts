import type { Playbook } from '@tripline/playbook';
import { outreachPerFire, type ActionChannelLookup } from './outreach-per-fire';

const channels: Record<string, string | null> = { 'email.send': 'email', 'slack.postMessage': 'slack', 'hubspot.createNote': null };
const channelOf: ActionChannelLookup = (connector, action) => channels[`${connector}.${action}`];

const action = (connector: string, name: string) => ({ kind: 'action' as const, connector, action: name, connection: 'c', input: {} });

describe('outreachPerFire', () => {
  it('counts each outreach action reachable from the start once per channel, on every branch (an upper bound)', () => {
    const playbook: Pick<Playbook, 'start' | 'nodes' | 'edges'> = {
      start: 'check',
      nodes: {
        check: { kind: 'condition', when: { all: [] } },
        welcome: action('email', 'send'),
        nudge: action('email', 'send'),
        ping: action('slack', 'postMessage'),
        note: action('hubspot', 'createNote'),
        mystery: action('acme', 'launch'),
        orphan: action('email', 'send'),
        end: { kind: 'end' },
      },
      edges: [
        { from: 'check', to: 'welcome', port: 'yes' },
        { from: 'check', to: 'ping', port: 'no' },
        { from: 'welcome', to: 'nudge' },
        { from: 'nudge', to: 'note' },
        { from: 'note', to: 'mystery' },
        { from: 'mystery', to: 'end' },
        { from: 'ping', to: 'end' },
      ],
    };
    const result = outreachPerFire(playbook, channelOf);
    // Both branches count (welcome + nudge by email, ping by Slack); the unreachable orphan does not; createNote reaches nobody.
    expect(Object.fromEntries(result.byChannel)).toEqual({ email: 2, slack: 1 });
    expect(result.unknownActions).toEqual(['mystery (acme.launch)']);
  });

  it('counts a node on a loop once', () => {
    const playbook: Pick<Playbook, 'start' | 'nodes' | 'edges'> = {
      start: 'send',
      nodes: { send: action('email', 'send'), wait: { kind: 'wait', for: '1d' } },
      edges: [
        { from: 'send', to: 'wait' },
        { from: 'wait', to: 'send' },
      ],
    };
    expect(Object.fromEntries(outreachPerFire(playbook, channelOf).byChannel)).toEqual({ email: 1 });
  });
});
