import { Workspaces1764000000000 } from './1764000000000-workspaces';

/** Every migration, in order. Listed explicitly so builds, tests and the CLI load the same set. */
export const ALL_MIGRATIONS = [Workspaces1764000000000];
