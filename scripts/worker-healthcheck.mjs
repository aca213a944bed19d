#!/usr/bin/env node
// Health check of the worker container: healthy while some worker polls the playbook task queue.
// Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TRIPLINE_TASK_QUEUE like the worker does.
import { recentPollers } from './lib/worker-polling.mjs';

const target = {
  address: process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233',
  namespace: process.env.TEMPORAL_NAMESPACE || 'default',
  taskQueue: process.env.TRIPLINE_TASK_QUEUE || 'tripline-playbooks',
};

try {
  const pollers = await recentPollers(target);
  if (pollers.length === 0) {
    console.error(`No worker polls task queue ${target.taskQueue} in namespace ${target.namespace}.`);
    process.exit(1);
  }
  console.log(`${pollers.length} poller(s) on ${target.taskQueue}.`);
} catch (error) {
  console.error(`Temporal at ${target.address} did not answer: ${error.message}`);
  process.exit(1);
}
