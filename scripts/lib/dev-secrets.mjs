// The local stack's secrets: generated once into <data dir>/dev-secrets.json (mode 0600) and reused,
// so a second `npm start` still decrypts stored credentials and the admin can still log in.
// An environment variable always wins and is never written to the file.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from './console.mjs';

export const DEV_SECRETS_FILE = 'dev-secrets.json';

/** Each secret: the variable that overrides it and how a fresh one is made. */
export const DEV_SECRETS = {
  secretKey: { envVar: 'TRIPLINE_SECRET_KEY', generate: () => randomBytes(32).toString('base64') },
  internalToken: { envVar: 'TRIPLINE_INTERNAL_TOKEN', generate: () => randomBytes(32).toString('base64url') },
  writeKey: { envVar: 'TRIPLINE_WRITE_KEY', generate: () => randomBytes(16).toString('hex') },
  adminPassword: { envVar: 'TRIPLINE_ADMIN_PASSWORD', generate: () => randomBytes(15).toString('base64url') },
};

function readSecretsFile(file) {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // fall through to the error below
  }
  throw new UserFacingError(`${file} is not a JSON object. Fix it, or delete it to generate new development secrets.`);
}

/**
 * Resolves every secret (env, then the file, then a new random value) and writes newly generated ones.
 * Returns `{ values: { secretKey, ... }, fromEnv: Set<name>, generated: string[] }`.
 */
export function loadDevSecrets(dataDir, env = process.env) {
  const file = path.join(dataDir, DEV_SECRETS_FILE);
  const stored = readSecretsFile(file);
  const values = {};
  const fromEnv = new Set();
  const generated = [];
  for (const [name, { envVar, generate }] of Object.entries(DEV_SECRETS)) {
    if (env[envVar]) {
      values[name] = env[envVar];
      fromEnv.add(name);
    } else if (typeof stored[name] === 'string' && stored[name]) {
      values[name] = stored[name];
    } else {
      values[name] = stored[name] = generate();
      generated.push(name);
    }
  }
  if (generated.length > 0) writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  if (existsSync(file)) chmodSync(file, 0o600); // also tightens a file created by hand
  return { file, values, fromEnv, generated };
}

/** The environment variables the API and worker read, from resolved secrets. */
export function secretsAsEnv(values) {
  return Object.fromEntries(Object.entries(DEV_SECRETS).map(([name, { envVar }]) => [envVar, values[name]]));
}
