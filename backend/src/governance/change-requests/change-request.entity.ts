import type { ChangeImpact, ChangeKind, ChangeRequestStatus, ChangeTargetKind, StructuredDiff } from '@tripline/playbook';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SnapshotLevel } from './snapshot-level';

/** A threshold change's target field and new value (kept so a resubmit applies it to the then published version). */
export interface ThresholdChange {
  path: string;
  value: number;
}

/**
 * One proposed change and its approval state. Everything an approver judges — the document that will
 * go live, the diff, the impact, the levels that apply — is snapshotted at submit (and again at a
 * resubmit), so what was approved is exactly what is published.
 */
@Entity('change_requests')
export class ChangeRequestEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { length: 32 })
  kind!: ChangeKind;

  @Column('varchar', { name: 'target_kind', length: 16 })
  targetKind!: ChangeTargetKind;

  @Column('varchar', { name: 'target_id', length: 36 })
  targetId!: string;

  @Column('text', { name: 'target_name' })
  targetName!: string;

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('varchar', { length: 16 })
  status!: ChangeRequestStatus;

  /** 1 at submit, + 1 on every resubmit; decisions of earlier attempts never count. */
  @Column('integer')
  attempt!: number;

  /** Index into `levels` of the level waiting for approvals. */
  @Column('integer', { name: 'current_level' })
  currentLevel!: number;

  @Column('simple-json')
  levels!: SnapshotLevel[];

  /** The target's published version at submit (null: never published); a different one at approval → superseded. */
  @Column('integer', { name: 'base_version', nullable: true })
  baseVersion!: number | null;

  /** The exact document that will be published (its `version` is stamped again at publish). */
  @Column('simple-json')
  proposed!: Record<string, unknown>;

  @Column('simple-json', { nullable: true })
  threshold!: ThresholdChange | null;

  @Column('integer', { name: 'rollback_to_version', nullable: true })
  rollbackToVersion!: number | null;

  @Column('simple-json')
  diff!: StructuredDiff;

  @Column('simple-json', { nullable: true })
  impact!: ChangeImpact | null;

  @Column('varchar', { name: 'requested_by', length: 36 })
  requestedBy!: string;

  @Column({ name: 'requested_at' })
  requestedAt!: Date;

  /** Indexes of the levels of the current attempt whose escalation approvers were added. */
  @Column('simple-json', { name: 'escalated_levels' })
  escalatedLevels!: number[];

  @Column({ name: 'decided_at', type: Date, nullable: true })
  decidedAt!: Date | null;

  @Column('integer', { name: 'published_version', nullable: true })
  publishedVersion!: number | null;

  @Column('text', { name: 'closed_reason', nullable: true })
  closedReason!: string | null;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
