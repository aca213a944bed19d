// The repository root, so every script works whatever the caller's current directory is.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A path under the repository root. */
export const fromRoot = (...parts) => path.join(repoRoot, ...parts);

/** The script behind an installed package's command (`bin` in its package.json), e.g. nx → nx/dist/bin/nx.js. */
export function packageBin(packageName, command = packageName) {
  const manifestPath = path.join(repoRoot, 'node_modules', packageName, 'package.json');
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const relative = typeof bin === 'string' ? bin : bin?.[command];
  if (!relative) throw new Error(`${packageName} has no "${command}" command in ${manifestPath}`);
  return path.join(path.dirname(manifestPath), relative);
}
