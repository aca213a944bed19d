#!/usr/bin/env node
/**
 * Backtest throughput: synthetic history (deterministic) replayed through runBacktest, best of N
 * runs per scenario, in events per second over all events of the history (wall clock; the CPU time
 * of the best run is shown too, since the machine is often shared). Uses the built library:
 *   npx tsc -p libs/scoring/tsconfig.build.json && node libs/scoring/bench/backtest.bench.js [--accounts 4000] [--days 30] [--runs 3] [--pql]
 * --pql adds the 7-factor component model with a score trigger (much slower per event: every event
 * re-reads 30- and 60-day windows; try it with --accounts 100).
 */
'use strict';
const path = require('node:path');
const { generateEvents, pqlComponentModel, runBacktest, seedEventModel } = require(path.join(__dirname, '..', 'dist'));

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number ≥ 1`);
  return value;
}

const accounts = option('accounts', 4000);
const days = option('days', 30);
const runs = option('runs', 3);
const start = Date.UTC(2025, 0, 1);
const range = { from: start, to: start + days * 86_400_000 - 1 };
const outcome = { kind: 'event', event: 'Order Completed' };

let generated = process.hrtime.bigint();
const dataset = generateEvents({ accounts, days, seed: 1, start });
generated = Number(process.hrtime.bigint() - generated) / 1e6;
console.log(`history: ${dataset.events.length.toLocaleString('en')} events, ${accounts} accounts, ${days} days (generated in ${Math.round(generated)} ms)`);

const seed = seedEventModel();
const scenarios = [
  {
    name: 'person score crossing (seed model, half-life)',
    input: { model: seed, trigger: { kind: 'scoreThreshold', model: seed.id, threshold: 150, direction: 'up' }, subject: 'person' },
  },
  {
    name: 'account demo requests ≥ 1 in 14 days (window aggregate)',
    input: { model: seed, trigger: { kind: 'eventCount', event: 'Demo Requested', atLeast: 1, withinDays: 14 }, subject: 'account' },
  },
  {
    name: 'account power users (3+ with 10+ sessions in 7 days)',
    input: {
      model: seed,
      trigger: { kind: 'distinctUsers', event: 'Session Started', atLeast: 3, withinDays: 30, perUser: { atLeast: 10, withinDays: 7 } },
      subject: 'account',
    },
  },
  {
    name: 'draft vs published, person crossing',
    input: {
      model: seed,
      trigger: { kind: 'scoreThreshold', model: seed.id, threshold: 150, direction: 'up' },
      baseline: { model: seed, trigger: { kind: 'scoreThreshold', model: seed.id, threshold: 120, direction: 'up' } },
      subject: 'person',
    },
  },
];

if (process.argv.includes('--pql')) {
  const pql = pqlComponentModel();
  scenarios.push({
    name: 'account PQL score crossing 71 (7-factor component model)',
    input: { model: pql, trigger: { kind: 'scoreThreshold', model: pql.id, threshold: 71, direction: 'up' }, subject: 'account' },
  });
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

for (const scenario of scenarios) {
  let best = Infinity;
  let bestCpu = Infinity;
  let result;
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    const cpuStarted = cpuMs();
    result = runBacktest({ events: dataset.events, range, outcome, ...scenario.input });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    if (wall < best) {
      best = wall;
      bestCpu = cpuMs() - cpuStarted;
    }
  }
  const perSecond = Math.round((dataset.events.length / best) * 1000);
  console.log(
    `${scenario.name}: ${perSecond.toLocaleString('en')} events/s (best of ${runs}: ${Math.round(best)} ms, cpu ${Math.round(bestCpu)} ms; fired ${result.fired.length}, lift ${result.lift === null ? '-' : result.lift.toFixed(2)})`,
  );
}
