import { validate } from '@tripline/playbook';
import { slugOf, starterPlaybook } from './starter-playbook';

describe('starterPlaybook', () => {
  it('is a valid playbook named as asked, ready to publish', () => {
    const playbook = starterPlaybook('Follow up on demos');
    expect(playbook.name).toBe('Follow up on demos');
    expect(playbook.id).toBe('follow-up-on-demos');
    expect(playbook.trigger).toEqual({ kind: 'event', event: 'Demo Requested' });
    const kinds = Object.values(playbook.nodes).map((step) => step.kind);
    expect(kinds).toEqual(expect.arrayContaining(['condition', 'action', 'end']));
    expect(validate(playbook)).toEqual({ ok: true, problems: [] });
  });

  it('gives each new playbook its own copy (editing one never changes the template)', () => {
    const first = starterPlaybook('One');
    first.nodes['done']!.label = 'changed';
    expect(starterPlaybook('Two').nodes['done']!.label).not.toBe('changed');
  });

  it('makes ids from any name', () => {
    expect(slugOf('  Trial → Paid (EMEA)!  ')).toBe('trial-paid-emea');
    expect(slugOf('Café crème')).toBe('cafe-creme');
    expect(slugOf('!!!')).toBe('playbook');
  });
});
