// The contract between the orchestrator (scripts/bench.mjs) and each part (scripts/bench/<part>.mjs):
// a part prints its progress and writes its markdown section to the file named by `--out <file>`.
import fs from 'node:fs';
import path from 'node:path';

/** The `--out <file>` argument, or undefined (the part then prints its section). */
export function outFileArg(argv = process.argv.slice(2)) {
  const at = argv.indexOf('--out');
  return at >= 0 ? argv[at + 1] : undefined;
}

/** Writes the section where `--out` says, else to stdout. */
export function writeSection(markdown, argv = process.argv.slice(2)) {
  const out = outFileArg(argv);
  const text = `${markdown.trim()}\n`;
  if (!out) {
    process.stdout.write(`\n${text}`);
    return;
  }
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, text);
  console.log(`wrote ${out}`);
}

export const log = (part, message) => console.log(`[${part}] ${message}`);
