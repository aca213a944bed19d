/**
 * A per-workspace value loaded on demand and trusted for `ttlMs` (e.g. the published playbooks or
 * scoring models ingest reads on every batch). Invalidating after a publish in this process makes it
 * reload at once; the TTL bounds how long another API replica's publish takes to be seen here. A
 * failed load is not cached: the next call asks again.
 */
export class WorkspaceCache<T> {
  private readonly entries = new Map<string, { loadedAt: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly load: (workspaceId: string) => Promise<T>,
  ) {}

  get(workspaceId: string): Promise<T> {
    const cached = this.entries.get(workspaceId);
    if (cached && Date.now() - cached.loadedAt < this.ttlMs) return cached.value;
    const entry = { loadedAt: Date.now(), value: this.load(workspaceId) };
    this.entries.set(workspaceId, entry);
    entry.value.catch(() => {
      if (this.entries.get(workspaceId) === entry) this.entries.delete(workspaceId);
    });
    return entry.value;
  }

  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }
}

/** Freezes a published snapshot shared by every caller, so no caller can change it for the others. */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null || Object.isFrozen(current)) continue;
    Object.freeze(current);
    for (const child of Object.values(current)) stack.push(child);
  }
  return value;
}
