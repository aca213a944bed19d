/** A playbook, run or step status as a coloured pill (colours in styles.css, one per status). */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.replace(/\s+/g, '-')}`}>{status}</span>;
}
