// A fresh PostgreSQL database per benchmark run on the server DATABASE_URL points at, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { requireFromRoot } from './paths.mjs';

const { Client } = requireFromRoot('pg');

async function withClient(url, fn) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `tripline_bench_<random>`; returns `{ url, name, drop() }`. */
export async function createScratchDatabase(serverUrl, prefix = 'tripline_bench') {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

export async function serverVersion(serverUrl) {
  return withClient(serverUrl, async (client) => (await client.query('SHOW server_version')).rows[0].server_version.split(' ')[0]);
}

/** The server's URL with the password masked, for the doc. */
export const maskedUrl = (serverUrl) => {
  const url = new URL(serverUrl);
  if (url.password) url.password = '***';
  return url.toString();
};
