import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ChangeDecision = 'approve' | 'reject';

/**
 * One approver's decision at one level of one attempt. Append-only: the database refuses UPDATE and
 * DELETE, and (request, attempt, level, decided_by) is unique, so nobody decides a level twice.
 */
@Entity('change_request_decisions')
export class ChangeRequestDecisionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'request_id', length: 36 })
  requestId!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('integer')
  attempt!: number;

  @Column('integer')
  level!: number;

  @Column('varchar', { name: 'decided_by', length: 36 })
  decidedBy!: string;

  @Column('varchar', { length: 16 })
  decision!: ChangeDecision;

  @Column('text', { nullable: true })
  comment!: string | null;

  @Column()
  at!: Date;
}
