import { Inject } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { DataSource, In } from 'typeorm';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { UserModel } from '../auth/models/user.model';
import { UserEntity } from '../auth/user.entity';
import { badUserInput } from '../graphql/errors';
import type { AuditEntryEntity } from './audit-entry.entity';
import { AuditReader, exportedLine, type AuditLogFilter } from './audit-reader';
import { AuditVerifier } from './audit-verifier';
import { AuditEntryModel, AuditLogPageModel, AuditVerificationModel } from './models/audit-entry.model';

export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 200;
/** The GraphQL export answers in one string; larger ranges go through `npm run audit:export`, which streams. */
export const MAX_GRAPHQL_EXPORT_ENTRIES = 50_000;

/** The audit log: approvers (and admins) read it; only admins verify and export it. Always the caller's workspace. */
@Resolver()
export class AuditLogResolver {
  constructor(
    private readonly reader: AuditReader,
    private readonly verifier: AuditVerifier,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Roles('approver')
  @Query(() => AuditLogPageModel, { description: 'The audit log of your workspace, newest first; filters combine (from inclusive, to exclusive)' })
  async auditLog(
    @CurrentPrincipal() principal: Principal,
    @Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_AUDIT_PAGE, description: `At most ${MAX_AUDIT_PAGE}` }) first?: number | null,
    @Args('after', { type: () => String, nullable: true, description: 'endCursor of the previous page' }) after?: string | null,
    @Args('action', { type: () => String, nullable: true }) action?: string | null,
    @Args('targetKind', { type: () => String, nullable: true }) targetKind?: string | null,
    @Args('targetId', { type: () => String, nullable: true }) targetId?: string | null,
    @Args('actorId', { type: () => ID, nullable: true, description: 'Entries of this user' }) actorId?: string | null,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
  ): Promise<AuditLogPageModel> {
    const size = first ?? DEFAULT_AUDIT_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_AUDIT_PAGE) throw badUserInput(`first must be between 1 and ${MAX_AUDIT_PAGE} (got ${size})`, { field: 'first' });
    let cursor: number | null = null;
    if (after !== null && after !== undefined) {
      if (!/^[1-9][0-9]{0,15}$/.test(after)) throw badUserInput('after: must be the endCursor of a previous page', { field: 'after' });
      cursor = Number(after);
    }
    const filter: AuditLogFilter = { action, targetKind, targetId, actorId, ...checkedRange(from, to) };
    const page = await this.reader.page(principal.workspaceId, filter, size, cursor);
    return { entries: await this.models(page.entries), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  @Roles('admin')
  @Query(() => AuditVerificationModel, { description: "Checks the workspace's whole audit chain and names the first entry that does not hold" })
  verifyAuditLog(@CurrentPrincipal() principal: Principal): Promise<AuditVerificationModel> {
    return this.verifier.verify(principal.workspaceId);
  }

  @Roles('admin')
  @Query(() => String, {
    description: `The workspace's audit entries as JSON lines, in seq order, with hash and prevHash (check a copy with npm run audit:verify -- --file). At most ${MAX_GRAPHQL_EXPORT_ENTRIES} entries; use npm run audit:export for more`,
  })
  async exportAuditLog(
    @CurrentPrincipal() principal: Principal,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
  ): Promise<string> {
    const range = checkedRange(from, to);
    const count = await this.reader.count(principal.workspaceId, range);
    if (count > MAX_GRAPHQL_EXPORT_ENTRIES) {
      throw badUserInput(`The range holds ${count} entries; exportAuditLog returns at most ${MAX_GRAPHQL_EXPORT_ENTRIES}: narrow from/to, or run npm run audit:export`, { field: 'from' });
    }
    const lines: string[] = [];
    for await (const row of this.reader.entries(principal.workspaceId, range, MAX_GRAPHQL_EXPORT_ENTRIES)) lines.push(exportedLine(row));
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }

  private async models(rows: AuditEntryEntity[]): Promise<AuditEntryModel[]> {
    const userIds = [...new Set(rows.map((row) => row.actorUserId).filter((id): id is string => id !== null))];
    const users = userIds.length === 0 ? [] : await this.dataSource.getRepository(UserEntity).find({ where: { id: In(userIds) } });
    const byId = new Map(users.map((user) => [user.id, UserModel.from(user)]));
    return rows.map((row) => ({
      id: row.id,
      seq: row.seq,
      at: row.at,
      actor: row.actorUserId === null ? null : (byId.get(row.actorUserId) ?? { id: row.actorUserId, email: '(deleted user)', name: null }),
      system: row.actorSystem,
      action: row.action,
      targetKind: row.targetKind,
      targetId: row.targetId,
      details: parseDetails(row.details),
      hash: row.hash,
      prevHash: row.prevHash,
    }));
  }
}

function checkedRange(from: Date | null | undefined, to: Date | null | undefined): { from: Date | null; to: Date | null } {
  if (from && to && !(from.getTime() < to.getTime())) {
    throw badUserInput(`from (${from.toISOString()}) must be before to (${to.toISOString()})`, { field: 'from' });
  }
  return { from: from ?? null, to: to ?? null };
}

function parseDetails(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
