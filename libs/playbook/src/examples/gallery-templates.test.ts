import { parseDuration } from '../duration';
import type { ConditionStep, EvaluationContext, Playbook, WaitForEventStep, WaitStep } from '../dsl/types';
import { evaluateFilter } from '../filters/evaluate-filter';
import { nextNode } from '../graph/nodes';
import { EVENT_RECEIVED_PORT } from '../graph/ports';
import { validate } from '../validate/validate';
import { churnPreventionInactivity, EXAMPLE_PLAYBOOKS, onboardingActivation, pqlThreeTierHandoff, SLA_PLAYBOOKS, TRIGGER_TAXONOMY, usageBasedUpsell } from './index';
import { CRM_TASK_COMPLETED } from './shared-steps';

// The templates issue 7 added to the gallery (the runs themselves: workflow-workers/test/templates-run.test.ts).
const added = [pqlThreeTierHandoff, usageBasedUpsell, churnPreventionInactivity, onboardingActivation];

/** Follows a playbook from its start through conditions evaluated over `context`, up to the first other kind of step. */
function routeOf(playbook: Playbook, context: EvaluationContext): string[] {
  const path: string[] = [];
  for (let node: string | undefined = playbook.start; node; ) {
    path.push(node);
    const step = playbook.nodes[node]!;
    if (step.kind !== 'condition') break;
    node = nextNode(playbook, node, evaluateFilter((step as ConditionStep).when, context) ? 'yes' : 'no');
  }
  return path;
}

describe('the gallery templates of issue 7', () => {
  it.each(added.map((playbook) => [playbook.id, playbook] as const))('%s validates and is offered by the gallery', (_id, playbook) => {
    expect(validate(JSON.parse(JSON.stringify(playbook)))).toEqual({ ok: true, problems: [] });
    expect([...EXAMPLE_PLAYBOOKS, ...SLA_PLAYBOOKS]).toContain(playbook);
  });

  it('the gallery has no two templates with the same id', () => {
    const ids = [...EXAMPLE_PLAYBOOKS, ...SLA_PLAYBOOKS].map((playbook) => playbook.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('PQL three-tier handoff', () => {
    const at = (tier: string | undefined): EvaluationContext => ({
      account: { id: 'a1', traits: {} },
      ...(tier === undefined ? {} : { score: { model: 'pql', score: 50, previousScore: 30, tier, previousTier: 'Low' } }),
    });

    it("fires on any PQL tier change and routes on the tier the run's score moved into", () => {
      expect(pqlThreeTierHandoff.trigger).toEqual({ kind: 'tierChange', model: 'pql' });
      const low = ['is-high', 'is-medium', 'in-app-upgrade-prompt'];
      const medium = ['is-high', 'is-medium', 'sdr-value-email'];
      const high = ['is-high', 'alert-ae'];
      expect(routeOf(pqlThreeTierHandoff, at('Low'))).toEqual(low);
      expect(routeOf(pqlThreeTierHandoff, at(undefined))).toEqual(low);
      expect(routeOf(pqlThreeTierHandoff, at('Medium'))).toEqual(medium);
      expect(routeOf(pqlThreeTierHandoff, at('High'))).toEqual(high);
    });

    it('each tier acts through its channel: in-app webhook, SDR email + CRM call task, Slack + CRM task in parallel', () => {
      const { nodes } = pqlThreeTierHandoff;
      const action = (id: string) => {
        const step = nodes[id]!;
        return step.kind === 'action' ? `${step.connector}.${step.action}@${step.connection}` : step.kind;
      };
      expect(action('in-app-upgrade-prompt')).toBe('webhook.send@in-app-messaging');
      expect(['sdr-value-email', 'sdr-call-task', 'sdr-second-touch', 'sdr-sla-missed'].map(action)).toEqual([
        'email.send@default-email',
        'hubspot.createTask@hubspot',
        'email.send@default-email',
        'email.send@default-email',
      ]);
      expect(pqlThreeTierHandoff.edges.filter((edge) => edge.from === 'alert-ae').map((edge) => action(edge.to))).toEqual(['slack.postMessage@slack', 'hubspot.createTask@hubspot']);
    });

    it('times the SDR at 48 h and the AE at 24 h on their CRM tasks: done in time exits, the timeout escalates to the manager', () => {
      for (const [wait, timeout, taskType, escalation] of [
        ['await-sdr-follow-up', '48h', 'sdr_follow_up', 'sdr-sla-missed'],
        ['await-ae-call', '24h', 'ae_call', 'ae-sla-missed'],
      ] as const) {
        expect(pqlThreeTierHandoff.nodes[wait]).toEqual({
          kind: 'waitForEvent',
          label: expect.any(String),
          event: { name: CRM_TASK_COMPLETED, where: { property: 'event.properties.taskType', operator: 'eq', value: taskType } },
          timeout,
        });
        expect(nextNode(pqlThreeTierHandoff, wait, EVENT_RECEIVED_PORT)).toBeUndefined();
        let node = nextNode(pqlThreeTierHandoff, wait, undefined);
        while (node && node !== escalation) node = nextNode(pqlThreeTierHandoff, node, undefined);
        expect(node).toBe(escalation);
        expect(pqlThreeTierHandoff.nodes[escalation]).toMatchObject({ connector: 'email', input: { to: expect.stringContaining('salesManagerEmail') } });
      }
    });
  });

  it('usage-based upsell fires on the taxonomy thresholds: DAU > 150 % of the baseline for 7 days, overage over $500, 80 % of the plan limit', () => {
    const usageThreshold = TRIGGER_TAXONOMY.find((row) => row.id === 'usage-threshold')!.trigger;
    expect(usageBasedUpsell.trigger).toEqual({
      kind: 'any',
      triggers: [
        usageThreshold,
        { kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 500.01, withinDays: 30 },
        { kind: 'event', event: 'Usage Limit Approached', where: { property: 'event.properties.percentOfLimit', operator: 'gte', value: 80 } },
      ],
    });
    expect(usageThreshold).toMatchObject({ kind: 'baselineRatio', percent: 150, consecutiveDays: 7 });
    expect(usageBasedUpsell.enrollment).toEqual({ subject: 'account', reenroll: { afterDays: 30 } });
    expect((usageBasedUpsell.nodes['await-upgrade'] as WaitForEventStep).timeout).toBe('7d');
  });

  it('churn prevention enrolls a person after 7 days without a session, and a session ends the run', () => {
    expect(churnPreventionInactivity.trigger).toEqual({ kind: 'inactivity', event: 'Session Started', days: 7 });
    for (const wait of ['await-return', 'await-return-again']) {
      expect((churnPreventionInactivity.nodes[wait] as WaitForEventStep).event.name).toBe('Session Started');
      expect(churnPreventionInactivity.nodes[nextNode(churnPreventionInactivity, wait, EVENT_RECEIVED_PORT)!]).toMatchObject({ kind: 'end', label: 'Re-engaged' });
    }
  });

  it('the onboarding checklist nudges on days 3, 7 and 14 and surveys on day 30 when every milestone times out', () => {
    const days: Record<string, number> = {};
    let elapsed = 0;
    for (let node: string | undefined = nextNode(onboardingActivation, 'has-email', 'yes'); node; node = nextNode(onboardingActivation, node, undefined)) {
      const step = onboardingActivation.nodes[node]!;
      if (step.kind === 'waitForEvent') elapsed += parseDuration(step.timeout);
      if (step.kind === 'wait') elapsed += parseDuration((step as WaitStep).for!);
      if (step.kind === 'action') days[node] = elapsed / 86_400_000;
    }
    expect(days).toEqual({ welcome: 0, 'invite-nudge': 3, 'integration-nudge': 7, 'success-check-in': 14, 'feedback-survey': 30 });
    // A milestone reached in time skips its nudge and goes on to the next milestone.
    expect(nextNode(onboardingActivation, 'await-invite', EVENT_RECEIVED_PORT)).toBe('await-integration');
    expect(nextNode(onboardingActivation, 'await-integration', EVENT_RECEIVED_PORT)).toBe('await-collaboration');
    expect(nextNode(onboardingActivation, 'await-collaboration', EVENT_RECEIVED_PORT)).toBe('until-day-30');
  });
});
