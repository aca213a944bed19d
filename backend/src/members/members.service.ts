import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { MembershipEntity } from '../auth/membership.entity';
import type { Principal, Role } from '../auth/principal';
import { UserEntity } from '../auth/user.entity';
import { normalizeEmail, UsersService } from '../auth/users.service';
import { Transactions } from '../database/transactions';
import { hasOpenChangeRequest } from '../governance/open-change-requests';
import { badUserInput, forbidden, notFound } from '../graphql/errors';
import type { AddWorkspaceMemberInput } from './dto/add-workspace-member.input';
import { membershipChangeRefusal, PENDING_CHANGE_REQUEST_REFUSAL } from './membership-rules';
import type { WorkspaceMemberModel } from './models/workspace-member.model';

/**
 * The members of a workspace and their roles. Every change runs in one transaction with its audit
 * entry, under a per-workspace lock (PostgreSQL), and re-reads the caller's own membership inside it:
 * two admins demoting each other at once cannot leave the workspace without one.
 */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly users: UsersService,
    private readonly audit: AuditLog,
  ) {}

  /** Every member of the workspace, earliest first. */
  async list(workspaceId: string): Promise<WorkspaceMemberModel[]> {
    const rows = await this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .innerJoinAndMapOne('m.user', UserEntity, 'u', 'u.id = m.userId')
      .where('m.workspaceId = :workspaceId', { workspaceId })
      .orderBy('m.createdAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    return rows.map((row) => toModel(row, (row as MembershipEntity & { user: UserEntity }).user));
  }

  /** Adds an existing user (by email), or creates the user when the email is unknown (then a password is required). */
  add(principal: Principal, input: AddWorkspaceMemberInput): Promise<WorkspaceMemberModel> {
    const email = normalizeEmail(input.email ?? '');
    return this.changing(principal, async (manager) => {
      let user = await this.users.findByEmail(email, manager);
      const newUser = !user;
      if (user) {
        if (input.password) {
          throw badUserInput(`password: ${email} already has an account and signs in with their own password; leave password out to add them`, { field: 'input.password' });
        }
        const existing = await manager.getRepository(MembershipEntity).findOneBy({ workspaceId: principal.workspaceId, userId: user.id });
        if (existing) {
          throw badUserInput(`email: ${email} is already a member of this workspace (role ${existing.role}); change their role with changeMemberRole`, {
            field: 'input.email',
          });
        }
      } else {
        if (!input.password) {
          throw badUserInput(`password: no user has the email ${email} yet; give a password to create their account`, { field: 'input.password' });
        }
        user = await this.users.create({ email, password: input.password, name: input.name }, manager);
      }
      const membership = await this.users.setRole(user.id, principal.workspaceId, input.role, manager);
      await this.audit.append(manager, {
        workspaceId: principal.workspaceId,
        actor: { userId: principal.userId },
        action: 'member.added',
        target: { kind: 'user', id: user.id },
        details: { email: user.email, from: null, to: membership.role, newUser },
      });
      return toModel(membership, user);
    });
  }

  /** Gives a member another role; NOT_FOUND for someone who is not a member of the caller's workspace. */
  changeRole(principal: Principal, userId: string, role: Role): Promise<WorkspaceMemberModel> {
    return this.changing(principal, async (manager) => {
      const { membership, user } = await this.memberOf(manager, principal.workspaceId, userId);
      await this.refuseUnlessAllowed(manager, principal, membership, user, role);
      if (membership.role === role) return toModel(membership, user);
      const changed = await this.users.setRole(userId, principal.workspaceId, role, manager);
      await this.audit.append(manager, {
        workspaceId: principal.workspaceId,
        actor: { userId: principal.userId },
        action: 'member.roleChanged',
        target: { kind: 'user', id: userId },
        details: { email: user.email, from: membership.role, to: role },
      });
      return toModel(changed, user);
    });
  }

  /** Ends a member's access to the workspace (their user stays; their next call is UNAUTHENTICATED). */
  remove(principal: Principal, userId: string): Promise<boolean> {
    return this.changing(principal, async (manager) => {
      const { membership, user } = await this.memberOf(manager, principal.workspaceId, userId);
      await this.refuseUnlessAllowed(manager, principal, membership, user, null);
      await manager.getRepository(MembershipEntity).delete({ id: membership.id });
      await this.audit.append(manager, {
        workspaceId: principal.workspaceId,
        actor: { userId: principal.userId },
        action: 'member.removed',
        target: { kind: 'user', id: userId },
        details: { email: user.email, from: membership.role, to: null },
      });
      return true;
    });
  }

  /**
   * Runs a membership change: the caller must still be an admin when the transaction reads it, and
   * must not be waiting for their own change request (they could otherwise pick their approvers).
   */
  private changing<T>(principal: Principal, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(
      async (manager) => {
        const caller = await manager.getRepository(MembershipEntity).findOneBy({ workspaceId: principal.workspaceId, userId: principal.userId });
        if (caller?.role !== 'admin') throw forbidden(`Changing members needs the role admin; you are ${caller?.role ?? 'no longer a member'}`);
        if (await hasOpenChangeRequest(manager, principal.workspaceId, principal.userId)) throw forbidden(PENDING_CHANGE_REQUEST_REFUSAL);
        return work(manager);
      },
      { lockKey: `members:${principal.workspaceId}` },
    );
  }

  private async memberOf(manager: EntityManager, workspaceId: string, userId: string): Promise<{ membership: MembershipEntity; user: UserEntity }> {
    const membership = await manager.getRepository(MembershipEntity).findOneBy({ workspaceId, userId });
    const user = membership && (await manager.getRepository(UserEntity).findOneBy({ id: userId }));
    if (!membership || !user) throw notFound(`Member ${userId}`);
    return { membership, user };
  }

  private async refuseUnlessAllowed(
    manager: EntityManager,
    principal: Principal,
    membership: MembershipEntity,
    user: UserEntity,
    newRole: Role | null,
  ): Promise<void> {
    const adminCount = await manager.getRepository(MembershipEntity).countBy({ workspaceId: principal.workspaceId, role: 'admin' });
    const refusal = membershipChangeRefusal({
      callerId: principal.userId,
      targetId: user.id,
      targetEmail: user.email,
      currentRole: membership.role,
      newRole,
      adminCount,
    });
    if (refusal) throw forbidden(refusal);
  }
}

function toModel(membership: MembershipEntity, user: UserEntity): WorkspaceMemberModel {
  return { id: user.id, email: user.email, name: user.name, role: membership.role, joinedAt: membership.createdAt };
}
