import type { NodeId, SplitStep } from './dsl/types';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** UTF-8 bytes of a string, written out so it needs no TextEncoder (absent in some sandboxes). */
function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return bytes;
}

/** 32-bit FNV-1a hash of a string's UTF-8 bytes. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of utf8Bytes(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The bucket 0..99 a subject falls in at a split node. Deterministic (same subject, same node,
 * same bucket in every run and replay), and independent between split nodes because the node id
 * is part of the hashed key.
 */
export function bucketOf(subjectId: string, nodeId: NodeId): number {
  return fnv1a32(`${nodeId}\u0000${subjectId}`) % 100;
}

/**
 * The variant port a bucket falls in: variants take consecutive bucket ranges in listed order
 * (50/50 → 0–49 first port, 50–99 second). Undefined if percentages do not cover the bucket.
 */
export function variantForBucket(variants: SplitStep['variants'], bucket: number): string | undefined {
  let upper = 0;
  for (const variant of variants) {
    upper += variant.percent;
    if (bucket < upper) return variant.port;
  }
  return undefined;
}

/** The port a subject leaves a split node by. */
export function chooseSplitPort(step: SplitStep, subjectId: string, nodeId: NodeId): string | undefined {
  return variantForBucket(step.variants, bucketOf(subjectId, nodeId));
}
