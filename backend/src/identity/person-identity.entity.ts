import { Column, Entity, PrimaryColumn } from 'typeorm';

export type IdentityKind = 'anonymousId' | 'userId';

/** One id a person is known by; (workspace, kind, value) points at exactly one person. */
@Entity('person_identities')
export class PersonIdentityEntity {
  @PrimaryColumn('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @PrimaryColumn('varchar', { length: 16 })
  kind!: IdentityKind;

  @PrimaryColumn('varchar', { length: 255 })
  value!: string;

  @Column('varchar', { name: 'person_id', length: 36 })
  personId!: string;
}
