import { demoRequestFollowUp, type Playbook } from '@tripline/playbook';
import { copySelection, pasteClipboard } from './clipboard';

const playbook = (): Playbook => structuredClone(demoRequestFollowUp);

describe('copy and paste', () => {
  it('pastes copies under fresh ids, keeping the edges between copied steps only', () => {
    const document = playbook();
    const clipboard = copySelection(document, { nodes: ['has-email', 'send-confirmation'], edges: [] })!;
    expect(clipboard.edges).toEqual([{ from: 'has-email', to: 'send-confirmation', port: 'yes' }]);
    const result = pasteClipboard(document, clipboard, { x: 40, y: 40 });
    if (!result.ok) throw new Error(result.message);
    expect(result.ids).toEqual({ 'has-email': 'has-email-1', 'send-confirmation': 'send-confirmation-1' });
    expect(result.document.nodes['has-email-1']).toEqual(document.nodes['has-email']);
    expect(result.document.edges.slice(document.edges.length)).toEqual([{ from: 'has-email-1', to: 'send-confirmation-1', port: 'yes' }]);
    expect(result.document.layout!['has-email-1']).toEqual({ x: document.layout!['has-email']!.x + 40, y: document.layout!['has-email']!.y + 40 });
    expect(result.selection).toEqual({ nodes: ['has-email-1', 'send-confirmation-1'], edges: [] });
    expect(result.document.start).toBe('has-email');
  });

  it('never reuses an id when the same steps are pasted twice', () => {
    const clipboard = copySelection(playbook(), { nodes: ['done'], edges: [] })!;
    const once = pasteClipboard(playbook(), clipboard, { x: 40, y: 40 });
    if (!once.ok) throw new Error(once.message);
    const twice = pasteClipboard(once.document, clipboard, { x: 80, y: 80 });
    if (!twice.ok) throw new Error(twice.message);
    expect(Object.keys(twice.document.nodes).filter((id) => id.startsWith('done'))).toEqual(['done', 'done-1', 'done-2']);
  });

  it('copies nothing without a selected step, and the clipboard does not share objects with the document', () => {
    const document = playbook();
    expect(copySelection(document, { nodes: ['@trigger'], edges: [] })).toBeNull();
    const clipboard = copySelection(document, { nodes: ['send-confirmation'], edges: [] })!;
    (document.nodes['send-confirmation'] as { label?: string }).label = 'changed after copying';
    expect(clipboard.nodes['send-confirmation']!.label).toBe('Confirm the demo request');
  });
});
