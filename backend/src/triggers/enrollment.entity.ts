import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A subject entered a playbook (see enrollment-rules.ts for the key). */
@Entity('enrollments')
export class EnrollmentEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'enrollment_key', length: 512 })
  enrollmentKey!: string;

  @Column('varchar', { name: 'playbook_id', length: 36 })
  playbookId!: string;

  @Column('integer', { name: 'playbook_version' })
  playbookVersion!: number;

  @Column('varchar', { name: 'subject_kind', length: 16 })
  subjectKind!: 'person' | 'account';

  @Column('varchar', { name: 'subject_id', length: 36 })
  subjectId!: string;

  @Column('varchar', { name: 'message_id', length: 255 })
  messageId!: string;

  /** The triggering event's (corrected) timestamp: re-enrollment windows count in event time. */
  @Column({ name: 'event_timestamp' })
  eventTimestamp!: Date;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}
