import { memo, type DragEvent } from 'react';
import { PALETTE_MIME } from './drag-data';
import { PALETTE_GROUPS, PALETTE_ITEMS, type PaletteItem } from './palette-items';

export interface PaletteProps {
  /** Click or Enter on an item: add it where the canvas is looking. */
  onAdd: (item: PaletteItem) => void;
  disabled: boolean;
}

function onDragStart(event: DragEvent<HTMLButtonElement>, item: PaletteItem) {
  event.dataTransfer.setData(PALETTE_MIME, item.id);
  event.dataTransfer.setData('text/plain', item.label);
  event.dataTransfer.effectAllowed = 'copy';
}

/** Steps and triggers to add: drag one onto the canvas, or click it (Enter from the keyboard). */
export const Palette = memo(function Palette({ onAdd, disabled }: PaletteProps) {
  return (
    <nav className="palette" aria-label="Palette">
      {PALETTE_GROUPS.map((group) => {
        const headingId = `palette-group-${group.toLowerCase()}`;
        return (
          <section key={group} className="palette-group" aria-labelledby={headingId}>
            <h3 id={headingId}>{group}</h3>
            <ul>
              {PALETTE_ITEMS.filter((item) => item.group === group).map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className={`palette-item palette-${item.type}`}
                    data-palette-item={item.id}
                    draggable={!disabled}
                    disabled={disabled}
                    onDragStart={(event) => onDragStart(event, item)}
                    onClick={() => onAdd(item)}
                    aria-label={item.type === 'trigger' ? `Use trigger ${item.label}` : `Add ${item.label}`}
                    title={item.hint}
                  >
                    <span className="palette-item-label">{item.label}</span>
                    <span className="palette-item-hint">{item.hint}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
});
