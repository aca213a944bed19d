import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ConfigError, loadConfig, type TriplineConfig } from '../../config/tripline-config';
import { typeOrmOptionsFor } from '../../database/database.module';
import type { StoredAuditRow } from '../audit-chain';
import { AuditChainHeadEntity } from '../audit-chain-head.entity';
import { AuditEntryEntity } from '../audit-entry.entity';
import { AuditKeyring } from '../audit-keys';
import { AuditReader, exportedLine, rowFromExportedLine } from '../audit-reader';
import { AuditVerifier } from '../audit-verifier';
import { checkChain, type ChainVerification } from '../check-chain';

/** Where the command writes: `out` is the result (stdout), `err` messages for people (stderr). */
export interface CommandOutput {
  out(text: string): void | Promise<void>;
  err(text: string): void | Promise<void>;
}

export const AUDIT_USAGE = `Usage:
  npm run audit:verify -- [--workspace <id>]          verify every workspace's audit chain (or one)
  npm run audit:verify -- --file <export.jsonl>       verify an exported file (needs the same secret keys)
  npm run audit:export -- --workspace <id> [--from <ISO time>] [--to <ISO time>]   JSON lines to stdout
Reads the API's configuration from the environment (TRIPLINE_SECRET_KEY, DATABASE_URL, TRIPLINE_DATA_DIR).`;

/**
 * `audit verify` / `audit export` (the npm scripts audit:verify and audit:export): the logic of the
 * command line tool, kept here so tests run it in-process. Returns the exit status: 0 when every
 * chain holds, 1 when one is broken, 2 on a usage or configuration error. Opens the database with
 * the API's own options, without running migrations, and only reads.
 */
export async function runAuditCommand(argv: readonly string[], env: NodeJS.ProcessEnv, output: CommandOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { workspace: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    await output.err(`${(error as Error).message}\n${AUDIT_USAGE}\n`);
    return 2;
  }
  const [command, ...extra] = parsed.positionals;
  const { values } = parsed;
  if (values.help) {
    await output.out(`${AUDIT_USAGE}\n`);
    return 0;
  }
  if ((command !== 'verify' && command !== 'export') || extra.length > 0) {
    await output.err(`Unknown command ${JSON.stringify([command, ...extra].filter(Boolean).join(' '))}: use verify or export\n${AUDIT_USAGE}\n`);
    return 2;
  }

  let config: TriplineConfig;
  try {
    // The internal token is the API's and the worker's; this command never uses it, so it need not be set.
    config = loadConfig({ TRIPLINE_INTERNAL_TOKEN: 'not-used-by-the-audit-command', ...env });
  } catch (error) {
    await output.err(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    return 2;
  }
  const keys = AuditKeyring.fromConfig(config);

  if (command === 'verify' && values.file !== undefined) {
    if (values.workspace !== undefined) {
      await output.err('--file and --workspace do not go together: an export names its workspace on every line\n');
      return 2;
    }
    return verifyFile(values.file, keys, output);
  }

  let range: { from: Date | null; to: Date | null } = { from: null, to: null };
  if (command === 'export') {
    if (!values.workspace) {
      await output.err(`export needs --workspace <id>\n${AUDIT_USAGE}\n`);
      return 2;
    }
    const from = values.from === undefined ? null : new Date(values.from);
    const to = values.to === undefined ? null : new Date(values.to);
    if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) {
      await output.err('--from and --to must be ISO 8601 times, e.g. 2026-01-31T00:00:00Z\n');
      return 2;
    }
    if (from && to && from.getTime() >= to.getTime()) {
      await output.err('--from must be before --to\n');
      return 2;
    }
    range = { from, to };
  } else if (values.from !== undefined || values.to !== undefined) {
    await output.err('verify checks whole chains: --from and --to are for export\n');
    return 2;
  }

  if (config.database.kind === 'sqlite' && !existsSync(config.database.file)) {
    await output.err(`No database at ${config.database.file}: start the API once (npm start), or set DATABASE_URL / TRIPLINE_DATA_DIR\n`);
    return 2;
  }
  const dataSource = new DataSource(auditDataSourceOptions(config));
  await dataSource.initialize();
  try {
    if (command === 'export') {
      for await (const row of new AuditReader(dataSource).entries(values.workspace!, range)) await output.out(`${exportedLine(row)}\n`);
      return 0;
    }
    const verifier = new AuditVerifier(dataSource, keys);
    const workspaces = values.workspace ? [values.workspace] : await verifier.workspaceIds();
    let status = 0;
    for (const workspaceId of workspaces) {
      const result = await verifier.verify(workspaceId);
      await output.out(`${workspaceId}: ${describe(result)}\n`);
      if (!result.ok) status = 1;
    }
    if (workspaces.length === 0) await output.out('No workspaces: nothing to verify\n');
    return status;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The API's database options for a tool that only reads the audit tables: no migrations (the API
 * runs those), no entities beyond the audit ones.
 */
export function auditDataSourceOptions(config: TriplineConfig): DataSourceOptions {
  const { autoLoadEntities: _auto, migrations: _migrations, migrationsRun: _run, ...options } = typeOrmOptionsFor(config) as Record<string, unknown>;
  return { ...options, entities: [AuditEntryEntity, AuditChainHeadEntity], migrationsRun: false } as unknown as DataSourceOptions;
}

/** `ok: <n> entries` or `BROKEN at entry #<seq> (<id>): <reason>`. */
export function describe(result: ChainVerification): string {
  if (result.ok) return `ok: ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'}`;
  const broken = result.firstBroken!;
  return `BROKEN at entry #${broken.seq} (${broken.id ?? 'missing'}): ${broken.reason}`;
}

async function verifyFile(file: string, keys: AuditKeyring, output: CommandOutput): Promise<number> {
  let lineNumber = 0;
  let malformed: string | null = null;
  async function* rows(): AsyncGenerator<StoredAuditRow> {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      try {
        yield rowFromExportedLine(line);
      } catch (error) {
        malformed = `line ${lineNumber} is not an audit entry (${(error as Error).message})`;
        return;
      }
    }
  }
  let result: ChainVerification;
  try {
    result = await checkChain(rows(), keys, { startAnywhere: true });
  } catch (error) {
    await output.err(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  if (malformed) {
    await output.out(`${file}: BROKEN after entry #${result.lastSeq}: ${malformed}\n`);
    return 1;
  }
  await output.out(`${file}: ${describe(result)}\n`);
  return result.ok ? 0 : 1;
}
