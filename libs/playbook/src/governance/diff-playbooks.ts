import type { Edge, Enrollment, Playbook, Step, Trigger } from '../dsl/types';
import { describeStep } from '../graph/describe-step';
import { describeTrigger } from '../triggers/describe-trigger';
import type { DiffEntry, StructuredDiff } from './contract';
import { describeChanges, describeSection, formatDiffValue, relativeEntries, summaryLine, type ValueDescriber } from './diff-text';
import { diffJson } from './json-diff';
import { diffKeyedItems, type KeyedCollection } from './keyed-items';
import { namedThresholdFields } from './thresholds';

/**
 * Not compared: `id` and `version` name the document rather than say what it does, `schemaVersion`
 * is always 1 (parsing refuses others), `layout` is the designer's drawing (never read at run time),
 * and nodes / edges are compared as keyed items.
 */
const NOT_FIELDS = new Set(['id', 'version', 'schemaVersion', 'layout', 'nodes', 'edges']);
/** Sections in the order summaries list them; any other top-level field follows, sorted. */
const SECTION_ORDER = ['name', 'description', 'trigger', 'enrollment', 'start', 'outreach'];
const SECTION_TITLES: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  trigger: 'Trigger',
  enrollment: 'Enrollment',
  start: 'Start node',
  outreach: 'Outreach',
};

function describeEnrollment(value: unknown): string {
  const enrollment = value as Enrollment;
  const { reenroll } = enrollment;
  const again = typeof reenroll === 'object' && reenroll !== null ? `after ${reenroll.afterDays} days` : String(reenroll);
  return `${enrollment.subject}, re-enroll ${again}`;
}

const SECTION_DESCRIBERS: Record<string, ValueDescriber> = {
  enrollment: describeEnrollment,
  trigger: (value) => describeTrigger(value as Trigger),
};

function sectionsOf(before: Playbook | null, after: Playbook): string[] {
  const present = new Set([...Object.keys(before ?? {}), ...Object.keys(after)].filter((key) => !NOT_FIELDS.has(key)));
  const known = SECTION_ORDER.filter((section) => present.has(section));
  const others = [...present].filter((section) => !SECTION_ORDER.includes(section)).sort();
  return [...known, ...others];
}

/**
 * Trigger changes that are only threshold values read one line each ("Trigger: score threshold
 * 71 → 80", "Trigger #2: minimum count 2 → 3"); anything else reads as the trigger before → after.
 */
function triggerLines(before: Trigger | undefined, after: Trigger, entries: DiffEntry[]): string[] {
  if (before === undefined) return [summaryLine(`Trigger: ${describeTrigger(after)}`)];
  const oldFields = new Map(namedThresholdFields(before).map((field) => [field.path, field]));
  const newFields = new Map(namedThresholdFields(after).map((field) => [field.path, field]));
  const onlyThresholds = entries.every((entry) => {
    const [old, now] = [oldFields.get(entry.path), newFields.get(entry.path)];
    return entry.kind === 'changed' && old !== undefined && now !== undefined && old.name === now.name;
  });
  if (onlyThresholds) {
    return entries.map((entry) => {
      const field = newFields.get(entry.path)!;
      const where = field.position === '' ? 'Trigger' : `Trigger ${field.position}`;
      return summaryLine(`${where}: ${field.name} ${formatDiffValue(entry.before)} → ${formatDiffValue(entry.after)}`);
    });
  }
  const [was, now] = [describeTrigger(before), describeTrigger(after)];
  if (was !== now) return [summaryLine(`Trigger: ${was} → ${now}`)];
  return [summaryLine(`Trigger: ${describeChanges(before, after, relativeEntries(entries, 'trigger'))}`)];
}

interface NodeEntry {
  id: string;
  step: Step;
}

const NODES: KeyedCollection<NodeEntry> = {
  collection: 'nodes',
  keyOf: (node) => node.id,
  labelOf: (node) => describeStep(node.step),
  contentOf: (node) => node.step,
  summarise: (item, before, after) => {
    if (item.kind === 'added') return summaryLine(`Added node "${item.key}" (${item.label})`);
    if (item.kind === 'removed') return summaryLine(`Removed node "${item.key}" (${item.label})`);
    return summaryLine(`Node "${item.key}" (${item.label}): ${describeChanges(before?.step, after?.step, item.changes)}`);
  },
};

/** An edge's key: "from→to", plus ":port" when it leaves through a named port. */
export const edgeKey = (edge: Edge): string => `${edge.from}→${edge.to}${edge.port === undefined ? '' : `:${edge.port}`}`;

const EDGES: KeyedCollection<Edge> = {
  collection: 'edges',
  keyOf: edgeKey,
  labelOf: (edge) => `Edge ${edgeKey(edge)}`,
  summarise: (item, before, after) => {
    if (item.kind === 'added') return summaryLine(`Added edge ${item.key}`);
    if (item.kind === 'removed') return summaryLine(`Removed edge ${item.key}`);
    return summaryLine(`Edge ${item.key}: ${describeChanges(before, after, item.changes)}`);
  },
};

const nodesOf = (playbook: Playbook | null): NodeEntry[] => Object.entries(playbook?.nodes ?? {}).map(([id, step]) => ({ id, step }));

/**
 * What publishing `after` over `before` changes, for an approver: nodes keyed by id and edges keyed
 * "from→to:port" (added / removed / changed, with leaf changes inside), every other field (trigger,
 * enrollment, outreach, name, description, start) as leaf entries from the root, and one summary
 * line per difference ('Trigger: score threshold 71 → 80', 'Added node "x" (Send email: …)',
 * 'Removed edge a→b'). `before` null (a first publish): everything is 'added'. `id`, `version`,
 * `schemaVersion` and the designer's `layout` are ignored, so two versions of the same content diff empty.
 */
export function diffPlaybooks(before: Playbook | null, after: Playbook): StructuredDiff {
  const fields: DiffEntry[] = [];
  const summary: string[] = [];
  for (const section of sectionsOf(before, after)) {
    const was = before === null ? undefined : (before as unknown as Record<string, unknown>)[section];
    const now = (after as unknown as Record<string, unknown>)[section];
    const entries = diffJson(was, now, { prefix: section });
    if (entries.length === 0) continue;
    fields.push(...entries);
    if (section === 'trigger') {
      summary.push(...triggerLines(was as Trigger | undefined, now as Trigger, entries));
    } else {
      const title = SECTION_TITLES[section] ?? section;
      summary.push(describeSection(title, was, now, relativeEntries(entries, section), { describe: SECTION_DESCRIBERS[section] }));
    }
  }
  const nodes = diffKeyedItems(nodesOf(before), nodesOf(after), NODES);
  const edges = diffKeyedItems(before?.edges ?? [], after.edges, EDGES);
  const items = [...nodes.items, ...edges.items];
  summary.push(...nodes.summary, ...edges.summary);
  return { subject: 'Playbook', summary, items, fields, empty: items.length === 0 && fields.length === 0 };
}
