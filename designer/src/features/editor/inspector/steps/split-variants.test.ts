import type { Playbook } from '@tripline/playbook';
import { addVariant, nextVariantPort, removeVariant, renameVariant, setVariantPercent, splitEvenly } from './split-variants';

const playbook: Playbook = {
  schemaVersion: 1,
  id: 'ab',
  version: 0,
  name: 'A/B',
  trigger: { kind: 'event', event: 'Signed Up for Free Trial' },
  enrollment: { subject: 'person', reenroll: 'never' },
  start: 'split',
  nodes: { split: { kind: 'split', variants: [{ port: 'a', percent: 50 }, { port: 'b', percent: 50 }] }, one: { kind: 'end' }, two: { kind: 'end' } },
  edges: [
    { from: 'split', to: 'one', port: 'a' },
    { from: 'split', to: 'two', port: 'b' },
  ],
};

const document = (result: ReturnType<typeof renameVariant>) => {
  if (!result.ok) throw new Error(result.message);
  return result.document;
};

describe('split variants', () => {
  it('renames a variant and the connection that leaves by it', () => {
    const next = document(renameVariant(playbook, 'split', 0, ' control '));
    expect(next.nodes['split']).toEqual({ kind: 'split', variants: [{ port: 'control', percent: 50 }, { port: 'b', percent: 50 }] });
    expect(next.edges).toEqual([
      { from: 'split', to: 'one', port: 'control' },
      { from: 'split', to: 'two', port: 'b' },
    ]);
    expect(renameVariant(playbook, 'split', 0, 'b')).toEqual({ ok: false, message: '"b" is already a variant of this split.' });
    expect(renameVariant(playbook, 'split', 0, ' ')).toEqual({ ok: false, message: 'A variant needs a name.' });
  });

  it('removes a variant with its connection, adds one with a fresh name, balances percentages', () => {
    const removed = document(removeVariant(playbook, 'split', 1));
    expect(removed.edges).toEqual([{ from: 'split', to: 'one', port: 'a' }]);
    const added = document(addVariant(playbook, 'split'));
    expect(added.nodes['split']).toMatchObject({ variants: [{ port: 'a' }, { port: 'b' }, { port: 'c', percent: 0 }] });
    expect(document(splitEvenly(added, 'split')).nodes['split']).toMatchObject({ variants: [{ percent: 34 }, { percent: 33 }, { percent: 33 }] });
    expect(document(setVariantPercent(playbook, 'split', 0, 70)).nodes['split']).toMatchObject({ variants: [{ percent: 70 }, { percent: 50 }] });
    expect(nextVariantPort([{ port: 'a', percent: 1 }, { port: 'c', percent: 1 }])).toBe('b');
  });
});
