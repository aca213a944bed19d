// `which`, without a dependency: find an executable on PATH or check one path.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];

/** True when `file` exists, is a regular file and may be executed. */
export function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of `name` found on `env.PATH`, or undefined. */
export function findOnPath(name, env = process.env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const suffix of suffixes) {
      const candidate = path.resolve(dir, name + suffix);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** `file` with the platform's executable suffix, if one exists on disk. */
export function withExecutableSuffix(file) {
  return suffixes.map((suffix) => file + suffix).find(isExecutableFile);
}
