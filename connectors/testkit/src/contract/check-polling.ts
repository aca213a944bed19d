import { applyPoll, type PollCheckpoint, type PollingTriggerDefinition, type PollResult, type TriggerItem } from '@tripline/connector-sdk';
import type { FakeVendorServer } from '../fake-server/fake-types';
import type { ConnectorContractSpec } from './contract-spec';
import { triggerItemProblems } from './trigger-item-problems';
import { callTimeout, describeError, withServer, type RunContext } from './run-context';

/** A trigger still asking for more after this many polls has a checkpoint that does not move. */
export const MAX_POLLS = 50;

export interface PreparedPoll {
  trigger: PollingTriggerDefinition;
  options: unknown;
  label: string;
}

/** Finds the polling trigger and parses the spec's options for it; a problem instead when either is wrong. */
export function preparePoll<TServer extends FakeVendorServer>(spec: ConnectorContractSpec<TServer>, name: string, server: TServer): PreparedPoll | { problem: string } {
  const label = `${spec.connector.name}: trigger '${name}'`;
  const trigger = (spec.connector.triggers ?? []).find((candidate) => candidate.name === name);
  if (!trigger) return { problem: `${label} is not declared by the connector` };
  if (trigger.kind !== 'polling') return { problem: `${label} is a webhook trigger; only polling triggers are polled` };
  const contract = spec.triggers?.[name];
  if (!contract) return { problem: `${label} is not seeded by the contract spec` };
  const raw = typeof contract.options === 'function' ? (contract.options as (s: TServer) => unknown)(server) : contract.options;
  const parsed = trigger.options.safeParse(raw);
  if (!parsed.success) return { problem: `${label}: the spec's options do not match the options schema: ${parsed.error.message}` };
  return { trigger, options: parsed.data, label };
}

async function pollOnce(context: RunContext<FakeVendorServer>, prepared: PreparedPoll, checkpoint: PollCheckpoint | null, now: string, spec: ConnectorContractSpec<FakeVendorServer>): Promise<PollResult> {
  return prepared.trigger.poll({ auth: context.auth, options: prepared.options, checkpoint, now, signal: callTimeout(spec) });
}

function shapeProblems(label: string, items: readonly unknown[]): string[] {
  const problems: string[] = [];
  for (const item of items) {
    const found = triggerItemProblems(item);
    if (found.length > 0) problems.push(`${label}: item ${JSON.stringify((item as { id?: unknown })?.id)} ${found.join('; ')}`);
    if (problems.length >= 5) break;
  }
  return problems;
}

/**
 * Polls from the first checkpoint (null) as the runtime does — applying each result with applyPoll
 * and polling again at once while a result is incomplete — then once more. Every seeded record must
 * come out exactly once: none lost at equal timestamps or at page boundaries, none repeated.
 */
export function checkPollsDeliverOnce<TServer extends FakeVendorServer>(spec: ConnectorContractSpec<TServer>, name: string): Promise<string[]> {
  return withServer(spec, async (context) => {
    const prepared = preparePoll(spec, name, context.server);
    if ('problem' in prepared) return [prepared.problem];
    const { label } = prepared;
    let expected: readonly string[] | undefined;
    try {
      expected = (await spec.triggers![name]!.seed(context.server)) ?? undefined;
    } catch (error) {
      return [`${label}: the spec's seed failed: ${describeError(error)}`];
    }
    const requestsBefore = context.server.requests.length;
    const now = new Date().toISOString();
    const delivered: TriggerItem[] = [];
    let checkpoint: PollCheckpoint | null = null;
    let polls = 0;
    let sawIncomplete = false;
    for (;;) {
      let result: PollResult;
      try {
        result = await pollOnce(context, prepared, checkpoint, now, spec);
      } catch (error) {
        return [`${label}: poll ${polls + 1} failed against the fake vendor: ${describeError(error)}`];
      }
      polls += 1;
      const shape = shapeProblems(label, result.items);
      if (shape.length > 0) return shape;
      const applied = applyPoll(checkpoint, result);
      delivered.push(...applied.items);
      checkpoint = applied.checkpoint;
      if (result.complete) break;
      sawIncomplete = true;
      if (polls >= MAX_POLLS) return [`${label}: still incomplete after ${MAX_POLLS} polls (does its query start at the checkpoint, minus the ids delivered at that time?)`];
    }

    const pageRequests = context.server.requests.length - requestsBefore;
    const problems: string[] = [];
    let again: TriggerItem[] = [];
    try {
      again = applyPoll(checkpoint, await pollOnce(context, prepared, checkpoint, new Date().toISOString(), spec)).items;
    } catch (error) {
      problems.push(`${label}: the poll after the last one failed against the fake vendor: ${describeError(error)}`);
    }
    if (again.length > 0) problems.push(`${label}: polled again with nothing new, it delivered ${ids(again)} a second time`);

    const counts = new Map<string, number>();
    for (const item of delivered) counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
    const repeated = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
    // applyPoll only drops repeats at the checkpoint time: an id delivered twice had two different times.
    if (repeated.length > 0) problems.push(`${label}: delivered ${ids(repeated)} more than once (at different times)`);
    if (expected) {
      const lost = expected.filter((id) => !counts.has(id));
      const extra = [...counts.keys()].filter((id) => !expected!.includes(id));
      if (lost.length > 0) problems.push(`${label}: lost ${ids(lost)} of ${expected.length} seeded record(s) over ${polls} poll(s) (records at equal timestamps or across pages are dropped)`);
      if (extra.length > 0) problems.push(`${label}: delivered ${ids(extra)}, which the seed did not create`);
    }
    if (delivered.length === 0) problems.push(`${label}: delivered nothing after the seed (does the first poll look back far enough?)`);
    else if (!sharesTimestamp(delivered)) problems.push(`${label}: no two delivered items share a timestamp; the seed must create at least two so the contract can test them`);
    if (!sawIncomplete && pageRequests < 2) {
      problems.push(`${label}: the polls read a single page; the seed must create more than one page of records`);
    }
    return problems;
  });
}

/**
 * A poll repeated from the same checkpoint (a worker that crashed before saving it) gives the same
 * items with the same ids and times, so ingest's dedupe on ids and messageIds catches the replay.
 */
export function checkPollReplayStable<TServer extends FakeVendorServer>(spec: ConnectorContractSpec<TServer>, name: string): Promise<string[]> {
  return withServer(spec, async (context) => {
    const prepared = preparePoll(spec, name, context.server);
    if ('problem' in prepared) return [prepared.problem];
    const { label } = prepared;
    try {
      await spec.triggers![name]!.seed(context.server);
    } catch (error) {
      return [`${label}: the spec's seed failed: ${describeError(error)}`];
    }
    const now = new Date().toISOString();
    const problems: string[] = [];
    let checkpoint: PollCheckpoint | null = null;
    for (const step of ['first poll', 'second poll']) {
      let first: PollResult;
      let replay: PollResult;
      try {
        first = await pollOnce(context, prepared, checkpoint, now, spec);
        replay = await pollOnce(context, prepared, checkpoint, now, spec);
      } catch (error) {
        return [`${label}: ${step} failed against the fake vendor: ${describeError(error)}`];
      }
      const a = fingerprint(first.items);
      const b = fingerprint(replay.items);
      if (a !== b) problems.push(`${label}: the ${step} repeated from the same checkpoint gave different items (ids, times or messageIds): ${a} then ${b}`);
      checkpoint = applyPoll(checkpoint, first).checkpoint;
      if (first.complete) break;
    }
    return problems;
  });
}

function fingerprint(items: readonly TriggerItem[]): string {
  const keys = items.map((item) => `${item.id}@${new Date(item.at).toISOString()}${item.kind === 'event' ? `#${item.call.messageId}` : ''}`);
  return `[${[...new Set(keys)].sort().join(', ')}]`;
}

function sharesTimestamp(items: readonly TriggerItem[]): boolean {
  const times = items.map((item) => Date.parse(item.at));
  return new Set(times).size < times.length;
}

function ids(values: readonly (string | TriggerItem)[]): string {
  const list = values.map((value) => (typeof value === 'string' ? value : value.id));
  const shown = list.slice(0, 10).map((id) => `'${id}'`).join(', ');
  return list.length > 10 ? `${shown} and ${list.length - 10} more` : shown;
}
