/**
 * How much outreach one enrollment of a playbook can cause: its action nodes that declare an
 * outreach channel, counted once each among the nodes reachable from the start. Pure.
 */
import { reachableFrom, type Playbook } from '@tripline/playbook';

/**
 * The outreach channel a connector action declares (`outreach` in connectors/sdk defineAction):
 * a channel, null for an action that reaches nobody, undefined for a connector or action the
 * registry does not know.
 */
export type ActionChannelLookup = (connector: string, action: string) => string | null | undefined;

export interface OutreachPerFire {
  /** Channel → outreach action nodes reachable from the start. */
  byChannel: Map<string, number>;
  /** Action nodes whose connector or action is unknown (not counted), as "node (connector.action)". */
  unknownActions: string[];
}

/**
 * An UPPER BOUND of the outreach one fire sends per channel: every reachable outreach action counts
 * once, although a run takes only one branch of a condition or split (so it may send fewer), and a
 * loop back through a wait is counted once (so a looping run may send more — loops are rare and
 * bounded by the run's step limit).
 */
export function outreachPerFire(playbook: Pick<Playbook, 'start' | 'nodes' | 'edges'>, channelOf: ActionChannelLookup): OutreachPerFire {
  const byChannel = new Map<string, number>();
  const unknownActions: string[] = [];
  for (const nodeId of reachableFrom(playbook, playbook.start)) {
    const step = playbook.nodes[nodeId];
    if (step?.kind !== 'action') continue;
    const channel = channelOf(step.connector, step.action);
    if (channel === undefined) unknownActions.push(`${nodeId} (${step.connector}.${step.action})`);
    else if (channel !== null) byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
  }
  return { byChannel, unknownActions };
}
