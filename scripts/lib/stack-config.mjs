// Ports, paths and names of the local stack, from the environment (documented in docs/configuration.md).
import path from 'node:path';
import { UserFacingError } from './console.mjs';
import { repoRoot } from './repo-root.mjs';

/** Every port `npm start` binds, with the variable that moves it. */
export const PORT_SETTINGS = {
  api: { envVar: 'TRIPLINE_API_PORT', fallback: 3000, what: 'API (GraphQL and ingest)' },
  designer: { envVar: 'TRIPLINE_DESIGNER_PORT', fallback: 4200, what: 'designer' },
  temporal: { envVar: 'TEMPORAL_PORT', fallback: 7233, what: 'Temporal dev server (gRPC)' },
  temporalUi: { envVar: 'TEMPORAL_UI_PORT', fallback: 8233, what: 'Temporal Web UI' },
  smtp: { envVar: 'TRIPLINE_SMTP_PORT', fallback: 1025, what: 'mail catcher (SMTP)' },
  mailbox: { envVar: 'TRIPLINE_MAILBOX_PORT', fallback: 1080, what: 'mail catcher (mailbox page)' },
};

function readPort(env, { envVar, fallback }) {
  const raw = env[envVar];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserFacingError(`${envVar}=${raw} is not a port number (1-65535).`);
  }
  return port;
}

export function resolveStackConfig(env = process.env) {
  const ports = Object.fromEntries(Object.entries(PORT_SETTINGS).map(([name, setting]) => [name, readPort(env, setting)]));
  const byPort = new Map();
  for (const [name, port] of Object.entries(ports)) {
    const other = byPort.get(port);
    if (other) {
      throw new UserFacingError(
        `${PORT_SETTINGS[other].envVar} and ${PORT_SETTINGS[name].envVar} are both ${port}; give each its own port.`,
      );
    }
    byPort.set(port, name);
  }
  return {
    ports,
    dataDir: path.resolve(repoRoot, env.TRIPLINE_DATA_DIR || '.data'),
    apiHost: env.TRIPLINE_API_HOST || '0.0.0.0',
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TRIPLINE_TASK_QUEUE || 'tripline-playbooks',
    adminEmail: env.TRIPLINE_ADMIN_EMAIL || 'admin@tripline.local',
    databaseUrl: env.DATABASE_URL || undefined,
  };
}

/** The URLs a person opens (localhost) — children talk to each other on 127.0.0.1. */
export function publicUrls({ ports }) {
  return {
    designer: `http://localhost:${ports.designer}`,
    api: `http://localhost:${ports.api}`,
    graphql: `http://localhost:${ports.api}/graphql`,
    ingest: `http://localhost:${ports.api}/v1`,
    temporalUi: `http://localhost:${ports.temporalUi}`,
    mailbox: `http://localhost:${ports.mailbox}`,
  };
}
