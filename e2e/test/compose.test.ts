// docker-compose.yml is the production topology. Compose itself must accept it (there is no Docker
// engine here, so `config` is as far as it goes), and its shape must keep the start-up order honest:
// every service has a health check, and what needs the database or Temporal waits until they are healthy.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const repoRoot = path.resolve(__dirname, '..', '..');
const composeFile = path.join(repoRoot, 'docker-compose.yml');

// The variables the file marks as required with ${VAR:?message}.
const requiredSecrets = {
  POSTGRES_PASSWORD: 'compose-test-password',
  TRIPLINE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  TRIPLINE_INTERNAL_TOKEN: 'compose-test-internal-token',
  TRIPLINE_WRITE_KEY: 'compose-test-write-key',
  TRIPLINE_ADMIN_PASSWORD: 'compose-test-admin-password',
};

type Service = {
  image?: string;
  build?: { context?: string; target?: string };
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string };
};

const topology = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = topology.services;

/** `docker-compose` (Debian's package) or the `docker compose` plugin, whichever is installed. */
function findCompose(): string[] | undefined {
  const candidates = [['docker-compose'], ['docker', 'compose']];
  return candidates.find(([command, ...args]) => spawnSync(command, [...args, 'version'], { encoding: 'utf8' }).status === 0);
}

/** Runs `compose -f docker-compose.yml config --quiet` with exactly the given variables set. */
function composeConfig(compose: string[], variables: Record<string, string>) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...variables };
  const [command, ...args] = compose;
  return spawnSync(command, [...args, '-f', composeFile, 'config', '--quiet'], { cwd: repoRoot, env, encoding: 'utf8' });
}

const compose = findCompose();

describe('docker-compose.yml', () => {
  if (!compose) {
    it('cannot be checked by Compose here, which is only acceptable outside CI', () => {
      console.warn(
        'NOTE: neither docker-compose nor `docker compose` is installed, so `docker-compose config` was NOT run; ' +
          'only the YAML checks below ran. `.ci/run` installs docker-compose.',
      );
      expect(process.env.CI).not.toBe('true');
    });
  } else {
    it('is accepted by `docker-compose config` when the required secrets are set', () => {
      const result = composeConfig(compose, requiredSecrets);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    }, 30_000);

    it('is refused by `docker-compose config` with a message naming a missing secret', () => {
      for (const missing of Object.keys(requiredSecrets)) {
        const { [missing]: _omitted, ...rest } = requiredSecrets as Record<string, string>;
        const result = composeConfig(compose, rest);
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain(`Set ${missing}`);
      }
    }, 60_000);
  }

  it('has the production services', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'designer', 'postgresql', 'temporal', 'temporal-ui', 'worker']);
    expect(services.postgresql.image).toMatch(/^postgres:16/);
    expect(services.temporal.image).toMatch(/^temporalio\/auto-setup:/);
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
  });

  it('gives every service a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      const test = service.healthcheck?.test;
      expect({ name, hasTest: Array.isArray(test) ? test.length > 1 : Boolean(test) }).toEqual({ name, hasTest: true });
    }
  });

  it.each(['api', 'worker'])('starts %s only after PostgreSQL and Temporal are healthy', (name) => {
    expect(services[name].depends_on).toMatchObject({
      postgresql: { condition: 'service_healthy' },
      temporal: { condition: 'service_healthy' },
    });
  });

  it('runs Temporal on the PostgreSQL service', () => {
    expect(services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(services.temporal.depends_on).toMatchObject({ postgresql: { condition: 'service_healthy' } });
  });

  it('wires the API and the worker to the same Temporal, task queue and internal token', () => {
    const api = services.api.environment ?? {};
    const worker = services.worker.environment ?? {};
    expect(String(api.DATABASE_URL)).toMatch(/^postgres:\/\/tripline:.+@postgresql:5432\/tripline$/);
    for (const key of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TRIPLINE_TASK_QUEUE', 'TRIPLINE_INTERNAL_TOKEN']) {
      expect({ key, worker: worker[key] }).toEqual({ key, worker: api[key] });
    }
    expect(api.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(worker.TRIPLINE_API_URL).toBe('http://api:3000');
  });

  it('builds api, worker and designer from stages of the one Dockerfile', () => {
    const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((match) => match[1]);
    for (const name of ['api', 'worker', 'designer']) {
      expect(services[name].build).toEqual({ context: '.', target: name });
      expect(stages).toContain(name);
    }
  });

  it('health-checks the worker with a script that exists in the image', () => {
    const [, , script] = services.worker.healthcheck?.test as string[];
    expect(existsSync(path.join(repoRoot, script))).toBe(true);
  });
});
