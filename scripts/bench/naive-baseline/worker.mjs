#!/usr/bin/env node
// The naive baseline's worker (scripts/bench/baseline.mjs starts it): its own task queue on the same
// Temporal server as Tripline. Env: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, NAIVE_TASK_QUEUE, NAIVE_DB_FILE,
// NAIVE_MODEL (JSON), NAIVE_TRIGGER (JSON), NAIVE_SMTP (JSON). Prints "naive worker ready" once polling.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireFromRoot } from '../lib/paths.mjs';
import { createNaiveActivities } from './activities.mjs';

const { NativeConnection, Worker, Runtime } = requireFromRoot('@temporalio/worker');

Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
const here = path.dirname(fileURLToPath(import.meta.url));
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: process.env.TEMPORAL_NAMESPACE || 'default',
  taskQueue: process.env.NAIVE_TASK_QUEUE,
  workflowsPath: path.join(here, 'workflows.js'),
  activities: createNaiveActivities({
    dbFile: process.env.NAIVE_DB_FILE,
    model: JSON.parse(process.env.NAIVE_MODEL),
    trigger: JSON.parse(process.env.NAIVE_TRIGGER),
    smtp: JSON.parse(process.env.NAIVE_SMTP),
  }),
});
console.log('naive worker ready');
await worker.run();
await connection.close();
