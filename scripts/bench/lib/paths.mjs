import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** require() resolving from the repository root (better-sqlite3, pg, built @tripline/* packages). */
export const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));
