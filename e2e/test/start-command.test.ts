// `npm start` refuses bad port settings before it installs, builds or starts anything, and says which
// variable to change. (Starting the whole stack is covered by spine.e2e.test.ts.)
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

const PORT_VARIABLES = [
  'TRIPLINE_API_PORT',
  'TRIPLINE_DESIGNER_PORT',
  'TEMPORAL_PORT',
  'TEMPORAL_UI_PORT',
  'TRIPLINE_SMTP_PORT',
  'TRIPLINE_MAILBOX_PORT',
] as const;

function listen(port = 0): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}

const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;
const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));

async function freePortSettings(): Promise<Record<string, string>> {
  const servers = await Promise.all(PORT_VARIABLES.map(() => listen()));
  const settings = Object.fromEntries(PORT_VARIABLES.map((name, index) => [name, String(portOf(servers[index]))]));
  await Promise.all(servers.map(close));
  return settings;
}

function npmStart(env: Record<string, string>) {
  return spawnSync(process.execPath, ['scripts/start.mjs', '--skip-install', '--skip-build'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm start with unusable ports', () => {
  it('names the busy port and the variable that moves it, and starts nothing', async () => {
    const ports = await freePortSettings();
    const squatter = await listen(Number(ports.TRIPLINE_API_PORT));
    try {
      const result = npmStart({ ...ports, TRIPLINE_DATA_DIR: path.join(os.tmpdir(), 'tripline-never-created') });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Cannot start: these ports are already in use.');
      expect(result.stderr).toContain(
        `${ports.TRIPLINE_API_PORT} (API (GraphQL and ingest)): stop what uses it, or set TRIPLINE_API_PORT to another port`,
      );
      expect(result.stderr).not.toContain('TRIPLINE_DESIGNER_PORT');
      expect(result.stdout).not.toContain('Starting Temporal');
    } finally {
      await close(squatter);
    }
  });

  it('rejects a value that is not a port number', async () => {
    const result = npmStart({ ...(await freePortSettings()), TEMPORAL_PORT: 'seven' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TEMPORAL_PORT=seven is not a port number (1-65535).');
  });

  it('rejects two services on one port', async () => {
    const ports = await freePortSettings();
    const result = npmStart({ ...ports, TRIPLINE_MAILBOX_PORT: ports.TRIPLINE_SMTP_PORT });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `TRIPLINE_SMTP_PORT and TRIPLINE_MAILBOX_PORT are both ${ports.TRIPLINE_SMTP_PORT}; give each its own port.`,
    );
  });
});
