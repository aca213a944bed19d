import { useId } from 'react';
import { formatDiffValue, type DiffEntry, type Playbook, type StructuredDiff } from '@tripline/playbook';
import { PlaybookCanvas } from '../../canvas/PlaybookCanvas';
import { diffCanvasStyle, diffDrawing } from './diff-drawing';

export interface DiffViewProps {
  diff: StructuredDiff;
  /** The older playbook (null: a first publish); with `after`, draws the visual diff. */
  before?: Playbook | null;
  after?: Playbook | null;
}

/** A diff for a reader: its summary lines, the playbook coloured by change, and every changed setting. */
export function DiffView({ diff, before = null, after = null }: DiffViewProps) {
  const scope = `diff-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  if (diff.empty) return <p className="muted">No differences.</p>;
  const drawing = after ? diffDrawing(before, after, diff) : null;
  const settings = settingRows(diff);
  return (
    <div className="diff-view">
      <section aria-label="Summary of changes">
        <h3>Changes</h3>
        <ul className="diff-summary">
          {diff.summary.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      </section>
      {drawing && (
        <section aria-label="Visual diff" className={`diff-canvas ${scope}`}>
          <style>{diffCanvasStyle(scope, drawing.marks)}</style>
          <p className="diff-legend" aria-label="Legend">
            <span className="diff-key diff-key-added">added</span>
            <span className="diff-key diff-key-removed">removed</span>
            <span className="diff-key diff-key-changed">changed</span>
          </p>
          <PlaybookCanvas playbook={drawing.playbook} />
        </section>
      )}
      {settings.length > 0 && (
        <section aria-label="Changed settings">
          <h3>Changed settings</h3>
          <table className="diff-settings">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {settings.map((row) => (
                <tr key={row.path} className={`diff-row-${row.kind}`}>
                  <td>
                    <code>{row.path}</code>
                  </td>
                  <td>{row.kind === 'added' ? '—' : formatDiffValue(row.before)}</td>
                  <td>{row.kind === 'removed' ? '—' : formatDiffValue(row.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

/** Leaf changes from the root and inside changed items ("nodes.send-email.input.subject"). */
function settingRows(diff: StructuredDiff): DiffEntry[] {
  const inside = diff.items.flatMap((item) =>
    item.kind === 'changed' ? item.changes.map((entry) => ({ ...entry, path: `${item.collection}.${item.key}.${entry.path}` })) : [],
  );
  return [...diff.fields, ...inside];
}
