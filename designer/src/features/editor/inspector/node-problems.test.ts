import { demoRequestFollowUp, validate, type Playbook } from '@tripline/playbook';
import { fieldProblems, problemsOfNode, problemsOfTrigger, problemText } from './node-problems';

const draft = (changes: Partial<Playbook>): Playbook => ({ ...demoRequestFollowUp, ...changes });

describe('the problems of one node', () => {
  it('picks the node’s configuration problems and words them for its own panel', () => {
    const send = demoRequestFollowUp.nodes['send-confirmation']!;
    const problems = validate(draft({ nodes: { ...demoRequestFollowUp.nodes, 'send-confirmation': { ...send, input: {} } as typeof send } })).problems;
    const mine = problemsOfNode(problems, 'send-confirmation');
    expect(mine.map(problemText)).toEqual(['email.send needs input "to"', 'email.send needs input "subject"', 'email.send needs "text" or "html"']);
    expect(fieldProblems(mine, ['nodes', 'send-confirmation', 'input'])).toEqual(
      new Map([
        ['to', 'email.send needs input "to"'],
        ['subject', 'email.send needs input "subject"'],
        ['text', 'email.send needs "text" or "html"'],
      ]),
    );
  });

  it('words schema problems by the field inside the node', () => {
    const problems = validate(draft({ nodes: { ...demoRequestFollowUp.nodes, pause: { kind: 'wait', for: '2x' } } })).problems;
    const [problem] = problemsOfNode(problems, 'pause');
    expect(problemText(problem!)).toMatch(/^for: "2x" is not a duration/);
    expect(fieldProblems([problem!], ['nodes', 'pause']).get('for')).toMatch(/^"2x" is not a duration/);
  });

  it('gives the trigger panel the trigger’s and the enrollment’s problems', () => {
    const problems = validate(draft({ trigger: { kind: 'event', event: ' ' } })).problems;
    expect(problemsOfTrigger(problems).map((problem) => problem.message)).toEqual(['trigger.event: choose the event that starts the playbook']);
  });
});
