import { describeStep } from '../graph/describe-step';
import { nextNode } from '../graph/nodes';
import { EVENT_RECEIVED_PORT } from '../graph/ports';
import { validate } from '../validate/validate';
import { aeEscalationSla, CRM_TASK_COMPLETED, SLA_PLAYBOOKS, sdrFollowUpSla } from './sla-escalation';

describe('SLA escalation examples', () => {
  it.each(SLA_PLAYBOOKS.map((playbook) => [playbook.name, playbook] as const))('"%s" passes validate()', (_name, playbook) => {
    expect(validate(JSON.parse(JSON.stringify(playbook)))).toEqual({ ok: true, problems: [] });
  });

  it('times the SDR tier at 48 h and the AE tier at 24 h, on the CRM task of each', () => {
    expect(sdrFollowUpSla.nodes['await-follow-up']).toMatchObject({
      kind: 'waitForEvent',
      timeout: '48h',
      event: { name: CRM_TASK_COMPLETED, where: { property: 'event.properties.taskType', operator: 'eq', value: 'sdr_follow_up' } },
    });
    expect(aeEscalationSla.nodes['await-call']).toMatchObject({
      kind: 'waitForEvent',
      timeout: '24h',
      event: { name: CRM_TASK_COMPLETED, where: { property: 'event.properties.taskType', operator: 'eq', value: 'ae_call' } },
    });
    expect(sdrFollowUpSla.trigger).toEqual({ kind: 'tierChange', model: 'pql', to: 'Medium' });
    expect(aeEscalationSla.trigger).toEqual({ kind: 'tierChange', model: 'pql', to: 'High' });
  });

  it('exits when the task is done in time (goal met) and escalates on the timeout', () => {
    for (const [playbook, wait] of [[sdrFollowUpSla, 'await-follow-up'], [aeEscalationSla, 'await-call']] as const) {
      expect(nextNode(playbook, wait, EVENT_RECEIVED_PORT)).toBeUndefined();
      const escalation = playbook.nodes[nextNode(playbook, wait, undefined)!];
      expect(escalation).toMatchObject({ kind: 'action', connector: 'email', action: 'send' });
      expect(describeStep(escalation!)).toBeTruthy();
    }
  });
});
