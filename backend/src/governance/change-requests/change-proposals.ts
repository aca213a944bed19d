import { Injectable, Logger } from '@nestjs/common';
import { ThresholdChangeError, withThreshold, type ApprovalPolicy, type ChangeImpact, type ChangeKind, type ChangeTargetKind, type Playbook, type StructuredDiff } from '@tripline/playbook';
import { badUserInput } from '../../graphql/errors';
import type { ThresholdChange } from './change-request.entity';
import { ChangeTargets, targetNoun, type ChangeTarget, type TargetDocument } from './change-targets';

/** What a change request asks for, before anything is snapshotted. */
export interface ChangeSpec {
  kind: ChangeKind;
  targetKind: ChangeTargetKind;
  targetId: string;
  threshold: ThresholdChange | null;
  /** rollback only: the version to make live again (default: the one before the current). */
  rollbackToVersion: number | null;
}

/** Everything snapshotted at submit (and again at resubmit). */
export interface Proposal {
  spec: ChangeSpec;
  target: ChangeTarget;
  /** The published version the proposal is based on (null: never published). */
  baseVersion: number | null;
  /** The exact document that will be published. */
  proposed: TargetDocument;
  diff: StructuredDiff;
  impact: ChangeImpact;
  /** False when the impact service failed: `impact` then only carries the reason in its notes. */
  impactKnown: boolean;
}

/** Which target kind each change kind may have. */
const TARGET_KINDS: Record<ChangeKind, readonly ChangeTargetKind[]> = {
  publishPlaybook: ['playbook'],
  publishScoringModel: ['scoringModel'],
  changeThreshold: ['playbook'],
  rollback: ['playbook', 'scoringModel'],
};

/**
 * Builds the proposal of a change: the document that would go live (the draft as publish would
 * make it, the published playbook with one threshold changed, or an earlier version's document),
 * its structured diff against the published version, and its impact summary.
 */
@Injectable()
export class ChangeProposals {
  private readonly logger = new Logger('ChangeProposals');

  constructor(private readonly targets: ChangeTargets) {}

  async build(workspaceId: string, spec: ChangeSpec, policy: ApprovalPolicy): Promise<Proposal> {
    if (!TARGET_KINDS[spec.kind].includes(spec.targetKind)) {
      throw badUserInput(`input.targetId: a ${spec.kind} change applies to a ${TARGET_KINDS[spec.kind].map((kind) => targetNoun(kind).toLowerCase()).join(' or ')}, not a ${targetNoun(spec.targetKind).toLowerCase()}`);
    }
    const target = await this.targets.load(workspaceId, spec.targetKind, spec.targetId);
    const baseVersion = target.publishedVersion;
    const base = baseVersion === null ? null : await this.targets.versionDocument(workspaceId, target.kind, target.id, baseVersion);
    const next = (baseVersion ?? 0) + 1;
    const { proposed, rollbackToVersion } = await this.proposedDocument(workspaceId, spec, target, base, next);
    await this.targets.checkReferences(workspaceId, target.kind, proposed);
    const diff = this.targets.diff(target.kind, base, proposed);
    if (diff.empty) {
      throw badUserInput(
        baseVersion === null
          ? 'Nothing would change: the proposal is empty'
          : `Nothing would change: the proposal is the same as the published version ${baseVersion}`,
      );
    }
    const { impact, known } = await this.impactOf(workspaceId, target, base, proposed, policy);
    return { spec: { ...spec, rollbackToVersion }, target, baseVersion, proposed, diff, impact, impactKnown: known };
  }

  private async proposedDocument(
    workspaceId: string,
    spec: ChangeSpec,
    target: ChangeTarget,
    base: TargetDocument | null,
    next: number,
  ): Promise<{ proposed: TargetDocument; rollbackToVersion: number | null }> {
    switch (spec.kind) {
      case 'publishPlaybook':
      case 'publishScoringModel':
        return { proposed: this.targets.draftProposal(target, next), rollbackToVersion: null };
      case 'changeThreshold': {
        if (!spec.threshold) throw badUserInput('input.threshold: a changeThreshold request needs { path, value }');
        if (!base) throw badUserInput(`input.targetId: playbook "${target.name}" has no published version whose threshold could change`);
        try {
          return { proposed: { ...withThreshold(base as Playbook, spec.threshold.path, spec.threshold.value), version: next }, rollbackToVersion: null };
        } catch (error) {
          if (error instanceof ThresholdChangeError) throw badUserInput(`input.threshold: ${error.message}`);
          throw error;
        }
      }
      case 'rollback': {
        const current = target.publishedVersion;
        if (current === null || current < 2) {
          throw badUserInput(`input.targetId: ${targetNoun(target.kind).toLowerCase()} "${target.name}" has no earlier version to roll back to`);
        }
        const to = spec.rollbackToVersion ?? current - 1;
        if (!Number.isInteger(to) || to < 1 || to >= current) {
          throw badUserInput(`input.toVersion: must be an earlier version than the current ${current} (1–${current - 1}), got ${to}`);
        }
        const document = await this.targets.versionDocument(workspaceId, target.kind, target.id, to);
        if (!document) throw badUserInput(`input.toVersion: version ${to} does not exist`);
        return { proposed: { ...document, version: next }, rollbackToVersion: to };
      }
    }
  }

  /** The impact, or — when the impact service fails — an impact of zeros whose notes say why (levels then take the safe side). */
  private async impactOf(
    workspaceId: string,
    target: ChangeTarget,
    base: TargetDocument | null,
    proposed: TargetDocument,
    policy: ApprovalPolicy,
  ): Promise<{ impact: ChangeImpact; known: boolean }> {
    try {
      return { impact: await this.targets.impact(workspaceId, target.kind, base, proposed, policy), known: true };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Impact of a change to ${target.kind} ${target.id} could not be computed: ${reason}`);
      return { impact: unknownImpact(policy, `The impact could not be computed: ${reason}`), known: false };
    }
  }
}

/** An impact whose figures are unknown (zeros), with the reason in `notes`, so approvers see why. */
export function unknownImpact(policy: ApprovalPolicy, note: string, now: Date = new Date()): ChangeImpact {
  const zero = { before: 0, after: 0 };
  return {
    from: new Date(now.getTime() - policy.impact.windowDays * 86_400_000).toISOString(),
    to: now.toISOString(),
    firesPerWeek: zero,
    newSubjects: { count: 0, sample: [] },
    droppedSubjects: { count: 0, sample: [] },
    outreach: { perWeek: zero, byChannel: [], caps: [] },
    precision: { before: null, after: null },
    recall: { before: null, after: null },
    revenueShareAffected: 0,
    pipelineValueAffected: 0,
    tiers: [],
    notes: [note],
  };
}
