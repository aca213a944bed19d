import { demoRequestFollowUp } from '@tripline/playbook';
import { asDrawablePlaybook } from './drawable';

describe('asDrawablePlaybook', () => {
  it('accepts a playbook', () => {
    const result = asDrawablePlaybook(structuredClone(demoRequestFollowUp));
    expect(result.ok).toBe(true);
  });

  it.each([
    [[], 'the draft must be a JSON object'],
    [{ nodes: {}, edges: [] }, '"trigger" must be an object'],
    [{ trigger: {}, nodes: [], edges: [] }, '"nodes" must be an object of steps keyed by id'],
    [{ trigger: {}, nodes: { a: { label: 'x' } }, edges: [] }, 'node "a" must be an object with a "kind"'],
    [{ trigger: {}, nodes: {}, edges: {} }, '"edges" must be an array'],
    [{ trigger: {}, nodes: {}, edges: [{ from: 'a' }] }, 'edge 0 must have "from" and "to" node ids'],
    [{ trigger: {}, nodes: {}, edges: [{ from: 'a', to: 'b', port: 1 }] }, 'edge 0 has a "port" that is not a string'],
    [{ trigger: {}, nodes: {}, edges: [], start: 3 }, '"start" must be a node id'],
  ])('names what keeps %j from being drawn', (value, reason) => {
    expect(asDrawablePlaybook(value)).toEqual({ ok: false, reason });
  });
});
