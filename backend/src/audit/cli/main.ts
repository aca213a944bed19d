import 'reflect-metadata';
import { runAuditCommand } from './audit-command';

/**
 * The `npm run audit:verify` / `audit:export` binary (run from backend/dist): a thin wrapper that
 * writes to stdout with backpressure, so a large export streams instead of piling up in memory.
 */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> | void {
  if (stream.write(text)) return;
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}

runAuditCommand(process.argv.slice(2), process.env, { out: (text) => write(process.stdout, text), err: (text) => write(process.stderr, text) }).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
