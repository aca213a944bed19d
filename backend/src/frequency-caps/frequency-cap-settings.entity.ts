import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FrequencyCapRule } from './frequency-cap-rules';

/** A workspace's per-contact frequency caps. No row (or no rules): no caps, claims are still recorded. */
@Entity('frequency_cap_settings')
export class FrequencyCapSettingsEntity {
  @PrimaryColumn('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('simple-json')
  rules!: FrequencyCapRule[];

  @Column({ name: 'updated_at' })
  updatedAt!: Date;

  @Column('varchar', { name: 'updated_by', length: 36, nullable: true })
  updatedBy!: string | null;
}
