import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { validate, type Playbook } from '@tripline/playbook';
import { NODE_WIDTH } from '../../canvas/layered-layout';
import { PlaybookCanvas } from '../../canvas/PlaybookCanvas';
import type { FlowOverlay } from '../../canvas/to-flow';
import { useCatalogueStore } from '../../store/catalogue-store';
import { useDraftEditorStore } from '../../store/draft-editor-store';
import { useEditorStore } from '../../store/editor-store';
import { DraftEditor } from '../playbooks/DraftEditor';
import { EditorCanvas } from './EditorCanvas';
import { connectEditorToDraft } from './editor-sync';
import { EditorToolbar } from './EditorToolbar';
import { NodeInspector } from './inspector/NodeInspector';
import type { Point } from './operations/types';
import { Palette } from './palette/Palette';
import type { PaletteItem } from './palette/palette-items';
import { ProblemList } from './ProblemList';
import { useEditorShortcuts } from './use-editor-shortcuts';

type EditorTab = 'canvas' | 'json';

/**
 * A playbook's draft, edited on the canvas (palette, canvas, selected step, problems) or, under
 * "Advanced: JSON", as the document itself. Both views edit the same draft (see editor-sync.ts).
 */
export function PlaybookEditor({ playbookId, canEdit }: { playbookId: string; canEdit: boolean }) {
  const [tab, setTab] = useState<EditorTab>('canvas');
  useEffect(() => connectEditorToDraft(), []);
  useEffect(() => void useCatalogueStore.getState().load(), []);

  return (
    <div className="playbook-editor">
      <div className="tabs" role="tablist" aria-label="Editor views">
        <Tab id="canvas" current={tab} onSelect={setTab}>
          Canvas
        </Tab>
        <Tab id="json" current={tab} onSelect={setTab}>
          Advanced: JSON
        </Tab>
      </div>
      <div className="tab-panel" role="tabpanel" id={`editor-panel-${tab}`} aria-labelledby={`editor-tab-${tab}`}>
        {tab === 'canvas' ? (
          <ReactFlowProvider>
            <CanvasTab playbookId={playbookId} canEdit={canEdit} />
          </ReactFlowProvider>
        ) : (
          <JsonTab playbookId={playbookId} canEdit={canEdit} />
        )}
      </div>
    </div>
  );
}

function Tab({ id, current, onSelect, children }: { id: EditorTab; current: EditorTab; onSelect: (tab: EditorTab) => void; children: string }) {
  return (
    <button
      type="button"
      role="tab"
      id={`editor-tab-${id}`}
      aria-selected={current === id}
      aria-controls={`editor-panel-${id}`}
      className={current === id ? 'tab active' : 'tab'}
      onClick={() => onSelect(id)}
    >
      {children}
    </button>
  );
}

function CanvasTab({ playbookId, canEdit }: { playbookId: string; canEdit: boolean }) {
  // Until the draft of this playbook is open, the store may still hold the previous one.
  const document = useEditorStore((s) => (s.playbookId === playbookId ? s.document : null));
  const notice = useEditorStore((s) => s.notice);
  const message = useDraftEditorStore((s) => s.message);
  const parseError = useDraftEditorStore((s) => s.parseError);
  useEditorShortcuts(true, canEdit);

  if (!document) {
    return (
      <div className="canvas empty-state">
        {parseError ? `The draft cannot be drawn: ${parseError} Fix it under "Advanced: JSON".` : 'Loading the draft…'}
      </div>
    );
  }
  return (
    <div className="canvas-tab">
      <EditorToolbar canEdit={canEdit} />
      {message && (
        <p className={message.tone === 'ok' ? 'success' : 'error'} role={message.tone === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {notice && (
        <p className={`editor-notice ${notice.tone === 'error' ? 'error' : 'muted'}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
          <button type="button" className="link-button" onClick={useEditorStore.getState().dismissNotice} aria-label="Dismiss">
            ×
          </button>
        </p>
      )}
      {parseError && <p className="warning">The JSON has an error, so the canvas shows the last draft that could be drawn; editing here replaces the JSON.</p>}
      <EditorBody document={document} canEdit={canEdit} />
    </div>
  );
}

function EditorBody({ document, canEdit }: { document: Playbook; canEdit: boolean }) {
  const problems = useMemo(() => validate(document).problems, [document]);
  const defaultModel = useCatalogueStore((s) => s.defaultScoringModel);
  const { screenToFlowPosition, setCenter, getZoom } = useReactFlow();
  const canvasArea = useRef<HTMLDivElement>(null);
  const clicks = useRef(0);

  const addItem = useCallback(
    (item: PaletteItem, position: Point) => {
      const editor = useEditorStore.getState();
      const context = { ...(defaultModel ? { scoringModel: defaultModel } : {}) };
      if (item.type === 'trigger') editor.setTrigger(item.trigger(context));
      else editor.addNode({ step: item.step(context), idBase: item.idBase }, position);
    },
    [defaultModel],
  );

  /** Click / Enter in the palette: add at the middle of the visible canvas, a little apart from the previous one. */
  const addAtCentre = useCallback(
    (item: PaletteItem) => {
      const box = canvasArea.current?.getBoundingClientRect();
      const centre = box ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      const nudge = (clicks.current++ % 5) * 30;
      addItem(item, { x: Math.round(centre.x - NODE_WIDTH / 2 + nudge), y: Math.round(centre.y - 40 + nudge) });
    },
    [addItem, screenToFlowPosition],
  );

  const showNode = useCallback(
    (nodeId: string) => {
      const editor = useEditorStore.getState();
      editor.select({ nodes: [nodeId], edges: [] });
      const at = document.layout?.[nodeId];
      if (at) void setCenter(at.x + NODE_WIDTH / 2, at.y + 40, { zoom: Math.max(getZoom(), 0.8), duration: 300 });
    },
    [document.layout, setCenter, getZoom],
  );

  return (
    <div className="editor-body">
      <Palette onAdd={addAtCentre} disabled={!canEdit} />
      <div className="editor-canvas-area" ref={canvasArea}>
        <EditorCanvas document={document} problems={problems} canEdit={canEdit} onDropItem={addItem} />
      </div>
      <aside className="editor-side" aria-label="Selected step and problems">
        <NodeInspector document={document} problems={problems} canEdit={canEdit} />
        <ProblemList problems={problems} onShowNode={showNode} />
      </aside>
    </div>
  );
}

/** The document as JSON beside a read-only drawing of it, as before the canvas became editable. */
function JsonTab({ playbookId, canEdit }: { playbookId: string; canEdit: boolean }) {
  const drawn = useDraftEditorStore((s) => (s.playbookId === playbookId ? s.drawn : null));
  const problems = useDraftEditorStore((s) => s.problems);
  const overlay = useMemo<FlowOverlay>(() => ({ problems: problems ?? [] }), [problems]);
  return (
    <div className="playbook-workspace">
      {drawn ? <PlaybookCanvas playbook={drawn} overlay={overlay} /> : <div className="canvas empty-state">Nothing to draw yet.</div>}
      <DraftEditor canEdit={canEdit} />
    </div>
  );
}
