/**
 * Edits of a split's variants that keep the canvas consistent: a variant's port is the name its
 * outgoing connection uses, so renaming a variant renames that connection's port and removing a
 * variant removes its connection (one undoable step each).
 */
import type { NodeId, Playbook, SplitStep } from '@tripline/playbook';
import { refused, type EditResult } from '../../operations/types';

type Variant = SplitStep['variants'][number];

function splitOf(document: Playbook, id: NodeId): SplitStep | undefined {
  const step = Object.prototype.hasOwnProperty.call(document.nodes, id) ? document.nodes[id] : undefined;
  return step?.kind === 'split' ? step : undefined;
}

function withVariants(document: Playbook, id: NodeId, step: SplitStep, variants: Variant[], edges = document.edges): EditResult {
  return { ok: true, document: { ...document, nodes: { ...document.nodes, [id]: { ...step, variants } }, edges } };
}

export function setVariantPercent(document: Playbook, id: NodeId, index: number, percent: number): EditResult {
  const step = splitOf(document, id);
  if (!step || !step.variants[index]) return refused(`There is no variant ${index + 1} in "${id}".`);
  return withVariants(document, id, step, step.variants.map((variant, at) => (at === index ? { ...variant, percent } : variant)));
}

export function renameVariant(document: Playbook, id: NodeId, index: number, port: string): EditResult {
  const step = splitOf(document, id);
  const variant = step?.variants[index];
  if (!step || !variant) return refused(`There is no variant ${index + 1} in "${id}".`);
  const name = port.trim();
  if (name === '') return refused('A variant needs a name.');
  if (name === variant.port) return { ok: true, document };
  if (step.variants.some((other, at) => at !== index && other.port === name)) return refused(`"${name}" is already a variant of this split.`);
  const edges = document.edges.map((edge) => (edge.from === id && edge.port === variant.port ? { ...edge, port: name } : edge));
  return withVariants(document, id, step, step.variants.map((item, at) => (at === index ? { ...item, port: name } : item)), edges);
}

/** The next free variant name: a, b, c, … then v27, v28, … */
export function nextVariantPort(variants: readonly Variant[]): string {
  const used = new Set(variants.map((variant) => variant.port));
  for (let code = 97; code <= 122; code += 1) {
    const port = String.fromCharCode(code);
    if (!used.has(port)) return port;
  }
  let number = 27;
  while (used.has(`v${number}`)) number += 1;
  return `v${number}`;
}

export function addVariant(document: Playbook, id: NodeId): EditResult {
  const step = splitOf(document, id);
  if (!step) return refused(`"${id}" is not a split.`);
  return withVariants(document, id, step, [...step.variants, { port: nextVariantPort(step.variants), percent: 0 }]);
}

export function removeVariant(document: Playbook, id: NodeId, index: number): EditResult {
  const step = splitOf(document, id);
  const variant = step?.variants[index];
  if (!step || !variant) return refused(`There is no variant ${index + 1} in "${id}".`);
  const edges = document.edges.filter((edge) => !(edge.from === id && edge.port === variant.port));
  return withVariants(document, id, step, step.variants.filter((_, at) => at !== index), edges);
}

/** Whole percentages as even as they can be, adding up to 100 (the first variants take the remainder). */
export function splitEvenly(document: Playbook, id: NodeId): EditResult {
  const step = splitOf(document, id);
  if (!step || step.variants.length === 0) return refused(`"${id}" has no variants to balance.`);
  const count = step.variants.length;
  const base = Math.floor(100 / count);
  const remainder = 100 - base * count;
  return withVariants(document, id, step, step.variants.map((variant, index) => ({ ...variant, percent: base + (index < remainder ? 1 : 0) })));
}
