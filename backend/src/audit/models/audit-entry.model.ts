import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { UserModel } from '../../auth/models/user.model';
import { JSONScalar } from '../../graphql/scalars';

@ObjectType('AuditEntry', { description: 'One entry of the workspace audit log (a link of its hash chain)' })
export class AuditEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1, 2, … per workspace, without gaps' })
  seq!: number;

  @Field()
  at!: Date;

  @Field(() => UserModel, { nullable: true, description: 'The person who acted; null when the system did (see `system`)' })
  actor!: UserModel | null;

  @Field(() => String, { nullable: true, description: "The part of the system that acted, e.g. 'bootstrap' or 'changeApproval workflow'; null when a person did" })
  system!: string | null;

  @Field({ description: "A dotted verb, e.g. 'playbook.published'" })
  action!: string;

  @Field({ description: "e.g. 'playbook', 'scoringModel', 'connection', 'run'" })
  targetKind!: string;

  @Field()
  targetId!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'What changed (never secrets: changed field names only for connections)' })
  details!: unknown;

  @Field({ description: 'HMAC-SHA256 (hex) over this entry and prevHash' })
  hash!: string;

  @Field({ description: "The previous entry's hash (64 zeros for the first)" })
  prevHash!: string;
}

@ObjectType('AuditLogPage', { description: 'A page of the audit log, newest first' })
export class AuditLogPageModel {
  @Field(() => [AuditEntryModel])
  entries!: AuditEntryModel[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null when the page is empty' })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType('AuditChainBreak', { description: 'The first audit entry that does not hold' })
export class AuditChainBreakModel {
  @Field(() => Int)
  seq!: number;

  @Field(() => ID, { nullable: true, description: 'Null when the entry is missing' })
  id!: string | null;

  @Field({ description: "Starts with 'hash mismatch', 'prev-hash mismatch', 'missing seq', 'unknown key id', 'seq out of order' or 'head mismatch'" })
  reason!: string;
}

@ObjectType('AuditVerification', { description: "The result of checking the workspace's audit chain" })
export class AuditVerificationModel {
  @Field()
  ok!: boolean;

  @Field(() => Int, { description: 'Entries found sound (up to the first broken one)' })
  checked!: number;

  @Field(() => AuditChainBreakModel, { nullable: true })
  firstBroken!: AuditChainBreakModel | null;

  @Field(() => Int, { description: 'The last sound entry: note it with lastHash (or keep exports) to notice a later rewrite of the tail' })
  lastSeq!: number;

  @Field()
  lastHash!: string;
}
