/** The drag payload of a palette item: its id under our own type, so other drops are ignored. */
export const PALETTE_MIME = 'application/x-tripline-palette-item';

export function hasPaletteItem(transfer: DataTransfer | null): boolean {
  return Boolean(transfer && Array.from(transfer.types).includes(PALETTE_MIME));
}
