// A full Temporal server (go.temporal.io/server, built with `go install`) on PostgreSQL: schema set up with
// temporal-sql-tool in two fresh databases, a config file on free ports, the `default` namespace created.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths.mjs';
import { createScratchDatabase } from './postgres.mjs';
import { freePorts, sleep } from './processes.mjs';
import { searchAttributeArgs } from '../../lib/search-attributes.mjs';

export const TEMPORAL_SERVER_VERSION = 'v1.32.0'; // the server inside the Temporal CLI 1.9.1 the dev server runs
export const serverBinDir = path.join(repoRoot, '.tools', 'temporal-server', 'bin');
export const serverBinary = path.join(serverBinDir, 'server');
export const sqlToolBinary = path.join(serverBinDir, 'sql');
export const buildCommands = [
  `GOBIN=$PWD/.tools/temporal-server/bin nice -n 19 go install go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`,
  `GOBIN=$PWD/.tools/temporal-server/bin nice -n 19 go install go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
];

export const serverBuilt = () => fs.existsSync(serverBinary) && fs.existsSync(sqlToolBinary);

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

function sqlToolArgs(url, database) {
  return ['--plugin', 'postgres12', '--ep', url.hostname, '-p', url.port || '5432', '-u', decodeURIComponent(url.username), '--pw', decodeURIComponent(url.password), '--db', database];
}

/** Sets up both schemas with the tool's embedded schema files (setup-schema -v 0.0, then update-schema). */
function setupSchema(serverUrl, database, schemaName) {
  const url = new URL(serverUrl);
  run(sqlToolBinary, [...sqlToolArgs(url, database), 'setup-schema', '-v', '0.0']);
  run(sqlToolBinary, [...sqlToolArgs(url, database), 'update-schema', '--schema-name', schemaName]);
}

function configYaml(serverUrl, databases, ports) {
  const url = new URL(serverUrl);
  const store = (database, maxConns) => `      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "${url.hostname}:${url.port || 5432}"
        connectProtocol: "tcp"
        user: "${decodeURIComponent(url.username)}"
        password: "${decodeURIComponent(url.password)}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const service = (name) => `  ${name}:
    rpc:
      grpcPort: ${ports[name]}
      membershipPort: ${ports[`${name}Membership`]}
      bindOnLocalHost: true`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
${store(databases.main, 20)}
    postgres-visibility:
${store(databases.visibility, 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:
${['frontend', 'history', 'matching', 'worker'].map(service).join('\n')}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${path.join(databases.dir, 'dynamicconfig.yaml')}"
  pollInterval: "60s"
`;
}

/**
 * Starts the server on PostgreSQL (DATABASE_URL's server); resolves `{ address, stop() }` once the
 * `default` namespace answers. `temporalCli`: the Temporal CLI, used to create the namespace.
 */
export async function startTemporalOnPostgres(serverUrl, temporalCli, say) {
  const main = await createScratchDatabase(serverUrl, 'tripline_bench_temporal');
  const visibility = await createScratchDatabase(serverUrl, 'tripline_bench_temporal_vis');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-bench-temporal-pg-'));
  let child;
  const stop = async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      const until = Date.now() + 20_000;
      while (child.exitCode === null && Date.now() < until) await sleep(200);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await main.drop();
    await visibility.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    say(`schema: temporal-sql-tool setup-schema + update-schema (postgresql/v12) into ${main.name} and ${visibility.name}`);
    setupSchema(serverUrl, main.name, 'postgresql/v12/temporal');
    setupSchema(serverUrl, visibility.name, 'postgresql/v12/visibility');
    // Temporal stores each service's ports in cluster_membership as SMALLINT: they must be below 32768,
    // which ports the OS hands out for port 0 often are not.
    const ports = {};
    const names = ['frontend', 'history', 'matching', 'worker'].flatMap((name) => [name, `${name}Membership`]);
    (await freePorts(names.length)).forEach((port, index) => (ports[names[index]] = port));
    fs.mkdirSync(path.join(dir, 'config'));
    fs.writeFileSync(path.join(dir, 'dynamicconfig.yaml'), '{}\n');
    fs.writeFileSync(path.join(dir, 'config', 'bench.yaml'), configYaml(serverUrl, { main: main.name, visibility: visibility.name, dir }, ports));
    let output = '';
    child = spawn(serverBinary, ['--root', dir, '--config', 'config', '--env', 'bench', '--allow-no-auth', 'start'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    const address = `127.0.0.1:${ports.frontend}`;
    const deadline = Date.now() + 180_000;
    let created = false;
    for (;;) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`Temporal on PostgreSQL did not start:\n${output.slice(-3000)}`);
      if (!created) created = spawnSync(temporalCli, ['operator', 'namespace', 'create', '--namespace', 'default', '--retention', '24h', '--address', address], { encoding: 'utf8' }).status === 0;
      // The frontend's namespace cache refreshes every few seconds: wait until a call in the namespace works.
      if (created && spawnSync(temporalCli, ['workflow', 'count', '--namespace', 'default', '--address', address], { encoding: 'utf8' }).status === 0) break;
      await sleep(1000);
    }
    registerSearchAttributes(temporalCli, address);
    say(`Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL ready at ${address}`);
    return { address, port: ports.frontend, databases: [main.name, visibility.name], pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}


/**
 * The runs' custom search attributes (the dev server gets them as start-dev flags; a full server needs
 * them created in the namespace): without them every workflow start is refused with INVALID_ARGUMENT.
 * Waits until the namespace lists them all.
 */
function registerSearchAttributes(temporalCli, address) {
  const pairs = searchAttributeArgs().filter((arg) => arg !== '--search-attribute').map((arg) => arg.split('='));
  for (const [name, type] of pairs) {
    spawnSync(temporalCli, ['operator', 'search-attribute', 'create', '--name', name, '--type', type, '--namespace', 'default', '--address', address], { encoding: 'utf8' });
  }
  const until = Date.now() + 60_000;
  for (;;) {
    const listed = spawnSync(temporalCli, ['operator', 'search-attribute', 'list', '--namespace', 'default', '--address', address], { encoding: 'utf8' }).stdout ?? '';
    if (pairs.every(([name]) => listed.includes(name))) return;
    if (Date.now() > until) throw new Error(`search attributes not registered on Temporal on PostgreSQL:\n${listed}`);
    spawnSync('sleep', ['1']);
  }
}
