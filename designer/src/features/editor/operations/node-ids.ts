/** Fresh node ids: readable ("wait-2", "send-email-1"), unique, and valid DSL ids. */
import { NODE_ID_PATTERN, PLAYBOOK_LIMITS } from '@tripline/playbook';

/** "Send email!" → "send-email"; a trailing "-<n>" is dropped so a copy of "wait-1" becomes "wait-2". */
export function idBase(text: string): string {
  const base = text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2') // waitForEvent → wait-For-Event
    .toLowerCase()
    .replace(/[^a-z0-9_.:-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .replace(/-\d+$/, '')
    .slice(0, PLAYBOOK_LIMITS.maxIdLength - 8);
  return base && NODE_ID_PATTERN.test(base) ? base : 'step';
}

/** The first "<base>-<n>" (n = 1, 2, …) that `taken` does not hold. */
export function freshNodeId(base: string, taken: (id: string) => boolean): string {
  const prefix = idBase(base);
  for (let n = 1; ; n += 1) {
    const id = `${prefix}-${n}`;
    if (!taken(id)) return id;
  }
}
