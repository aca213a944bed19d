import { demoRequestFollowUp, type Playbook } from '@tripline/playbook';
import { DEFAULT_OUTPUT_HANDLE, playbookToFlow, TRIGGER_NODE_ID, type StepFlowNode, type TriggerFlowNode } from './to-flow';

/** The starter shape without saved positions, so the layered layout places it. */
function unplaced(playbook: Playbook): Playbook {
  const { layout: _layout, ...rest } = structuredClone(playbook);
  return rest;
}

const stepNode = (nodes: ReturnType<typeof playbookToFlow>['nodes'], id: string) =>
  nodes.find((n): n is StepFlowNode => n.type === 'step' && n.id === id)!;

describe('playbookToFlow', () => {
  const playbook = unplaced(demoRequestFollowUp);

  it('draws the trigger and one node per step, with the key setting of each', () => {
    const { nodes } = playbookToFlow(playbook);
    expect(nodes.map((n) => n.id)).toEqual([TRIGGER_NODE_ID, 'has-email', 'send-confirmation', 'done', 'no-email']);
    const trigger = nodes[0] as TriggerFlowNode;
    expect(trigger.type).toBe('trigger');
    expect(trigger.data.summary).toBe('When "Demo Requested"');
    expect(stepNode(nodes, 'has-email').data).toMatchObject({
      kind: 'condition',
      title: 'Has an email address?',
      summary: 'If email is known',
      isStart: true,
      ports: ['yes', 'no'],
      hasDefaultOutput: false,
    });
    expect(stepNode(nodes, 'send-confirmation').data.summary).toMatch(/^Email: Your demo request/);
    expect(stepNode(nodes, 'send-confirmation').data).toMatchObject({ isStart: false, ports: [], hasDefaultOutput: true, irreversible: false });
    expect(stepNode(nodes, 'done').data).toMatchObject({ kind: 'end', ports: [], hasDefaultOutput: false });
  });

  it('marks irreversible actions and names nodes for screen readers, given the connector catalogue', () => {
    const catalogue = { actions: { 'email.send': { displayName: 'Email: Send', irreversible: true } } };
    const { nodes } = playbookToFlow(playbook, { catalogue });
    expect(stepNode(nodes, 'send-confirmation').data.irreversible).toBe(true);
    expect(stepNode(nodes, 'has-email').data.irreversible).toBe(false);
    expect(stepNode(nodes, 'has-email').ariaLabel).toBe('Condition step "Has an email address?": If email is known');
    expect(nodes[0]!.ariaLabel).toBe('Trigger: When "Demo Requested"');
  });

  it('falls back to the node id when a step has no label', () => {
    const copy = structuredClone(playbook);
    delete copy.nodes['done']!.label;
    expect(stepNode(playbookToFlow(copy).nodes, 'done').data.title).toBe('done');
  });

  it('links the trigger to start and labels every edge with its port, on the handle of that port', () => {
    const { edges } = playbookToFlow(playbook);
    expect(edges.map((e) => [e.source, e.target, e.sourceHandle ?? null, e.label ?? null])).toEqual([
      [TRIGGER_NODE_ID, 'has-email', null, null],
      ['has-email', 'send-confirmation', 'yes', 'yes'],
      ['has-email', 'no-email', 'no', 'no'],
      ['send-confirmation', 'done', DEFAULT_OUTPUT_HANDLE, null],
    ]);
    expect(edges.map((e) => e.data?.edgeIndex)).toEqual([-1, 0, 1, 2]);
  });

  it('places nodes in layers when the draft has no layout: trigger above start, branches side by side', () => {
    const { nodes } = playbookToFlow(playbook);
    const y = (id: string) => nodes.find((n) => n.id === id)!.position.y;
    const x = (id: string) => nodes.find((n) => n.id === id)!.position.x;
    expect(y(TRIGGER_NODE_ID)).toBeLessThan(y('has-email'));
    expect(y('has-email')).toBeLessThan(y('send-confirmation'));
    expect(y('send-confirmation')).toBe(y('no-email'));
    expect(x('send-confirmation')).not.toBe(x('no-email'));
    expect(y('done')).toBeGreaterThan(y('send-confirmation'));
  });

  it('keeps saved layout positions and puts the trigger just above a placed start', () => {
    const { nodes } = playbookToFlow(demoRequestFollowUp);
    const position = (id: string) => nodes.find((n) => n.id === id)!.position;
    expect(position('send-confirmation')).toEqual({ x: -160, y: 160 });
    expect(position(TRIGGER_NODE_ID)).toEqual({ x: 0, y: -150 });
  });

  it('marks the node and the edge a validation problem names, and trigger problems on the trigger', () => {
    const { nodes, edges } = playbookToFlow(playbook, {
      problems: [
        { message: 'to is required', nodeId: 'send-confirmation', path: ['nodes', 'send-confirmation', 'input', 'to'] },
        { message: 'port "maybe" is not an output', edgeIndex: 1 },
        { message: 'event must not be empty', nodeId: null, path: ['trigger', 'event'] },
        { message: 'something about the whole playbook', path: ['name'] },
      ],
    });
    expect(stepNode(nodes, 'send-confirmation').data.problems).toEqual(['to is required']);
    expect(stepNode(nodes, 'has-email').data.problems).toEqual([]);
    expect((nodes[0] as TriggerFlowNode).data.problems).toEqual(['event must not be empty']);
    const problemEdge = edges.find((e) => e.data?.edgeIndex === 1)!;
    expect(problemEdge.className).toContain('has-problem');
    expect(edges.filter((e) => e.className?.includes('has-problem'))).toHaveLength(1);
  });

  it('overlays a run: latest status per step, and the edges the run took', () => {
    const { nodes, edges } = playbookToFlow(playbook, {
      runSteps: [
        { stepId: 'has-email', status: 'completed', port: 'yes' },
        { stepId: 'send-confirmation', status: 'running' },
        { stepId: 'send-confirmation', status: 'failed' },
      ],
    });
    expect(stepNode(nodes, 'has-email').data.status).toBe('completed');
    expect(stepNode(nodes, 'send-confirmation').data.status).toBe('failed');
    expect(stepNode(nodes, 'no-email').data.status).toBeUndefined();
    expect(stepNode(nodes, 'has-email').ariaLabel).toBe('Condition step "Has an email address?" (completed): If email is known');
    expect(stepNode(nodes, 'no-email').ariaLabel).toMatch(/^End step "[^"]+": /);
    expect((nodes[0] as TriggerFlowNode).data.fired).toBe(true);
    const taken = edges.filter((e) => e.data?.taken).map((e) => `${e.source}->${e.target}`);
    expect(taken).toEqual([`${TRIGGER_NODE_ID}->has-email`, 'has-email->send-confirmation']);
  });

  it('does not take an edge whose port the step did not leave by', () => {
    const { edges } = playbookToFlow(playbook, {
      runSteps: [
        { stepId: 'has-email', status: 'completed', port: 'no' },
        { stepId: 'no-email', status: 'completed' },
      ],
    });
    expect(edges.filter((e) => e.data?.taken).map((e) => e.target)).toEqual(['has-email', 'no-email']);
  });

  it('draws an unfinished draft: skips edges to missing nodes, adds handles for ports edges use', () => {
    const draft: Playbook = {
      ...playbook,
      nodes: {
        ...playbook.nodes,
        'pick-one': { kind: 'split', variants: [{ port: 'a', percent: 50 }, { port: 'b', percent: 50 }] },
        broken: { kind: 'condition' } as unknown as Playbook['nodes'][string],
      },
      edges: [
        ...playbook.edges,
        { from: 'pick-one', to: 'done', port: 'a' },
        { from: 'pick-one', to: 'done', port: 'c' },
        { from: 'done', to: 'nowhere' },
        { from: 'broken', to: 'done' },
      ],
    };
    const { nodes, edges } = playbookToFlow(draft);
    expect(stepNode(nodes, 'pick-one').data.ports).toEqual(['a', 'b', 'c']);
    expect(stepNode(nodes, 'broken').data.summary).toBe('condition (incomplete)');
    expect(stepNode(nodes, 'broken').data.hasDefaultOutput).toBe(true);
    expect(edges.some((e) => e.target === 'nowhere')).toBe(false);
    expect(edges.find((e) => e.data?.edgeIndex === 6)).toMatchObject({ source: 'broken', sourceHandle: DEFAULT_OUTPUT_HANDLE });
  });

  it('draws no trigger edge when start names no node', () => {
    const { edges } = playbookToFlow({ ...playbook, start: 'missing' });
    expect(edges.some((e) => e.source === TRIGGER_NODE_ID)).toBe(false);
  });
});
