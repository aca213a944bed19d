import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { badUserInput } from '../graphql/errors';
import { MembershipEntity } from './membership.entity';
import { hashPassword } from './password-hasher';
import { isRole, Role } from './principal';
import { UserEntity } from './user.entity';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 8;

export interface CreateUserInput {
  email: string;
  password: string;
  name?: string | null;
}

/** Users and their memberships. Used by login, by first-start seeding and (later) user admin. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
  ) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<UserEntity | null> {
    const repo = manager ? manager.getRepository(UserEntity) : this.users;
    return repo.findOneBy({ email: normalizeEmail(email) });
  }

  async create(input: CreateUserInput, manager?: EntityManager): Promise<UserEntity> {
    const email = normalizeEmail(input.email);
    if (!EMAIL_PATTERN.test(email) || email.length > 320) throw badUserInput('email: must be an email address');
    checkPassword(input.password);
    const repo = manager ? manager.getRepository(UserEntity) : this.users;
    if (await repo.existsBy({ email })) throw badUserInput(`email: a user with email ${email} already exists`);
    return repo.save(
      repo.create({
        id: randomUUID(),
        email,
        name: input.name?.trim() || null,
        passwordHash: await hashPassword(input.password),
        createdAt: new Date(),
      }),
    );
  }

  async setPassword(userId: string, password: string, manager?: EntityManager): Promise<void> {
    checkPassword(password);
    const repo = manager ? manager.getRepository(UserEntity) : this.users;
    await repo.update({ id: userId }, { passwordHash: await hashPassword(password) });
  }

  /** Gives the user `role` in the workspace, replacing any role they had there. */
  async setRole(userId: string, workspaceId: string, role: Role, manager?: EntityManager): Promise<MembershipEntity> {
    if (!isRole(role)) throw badUserInput(`role: must be one of admin, editor, approver, operator, viewer`);
    const repo = manager ? manager.getRepository(MembershipEntity) : this.memberships;
    const existing = await repo.findOneBy({ userId, workspaceId });
    if (existing) {
      if (existing.role !== role) await repo.update({ id: existing.id }, { role });
      return { ...existing, role };
    }
    return repo.save(repo.create({ id: randomUUID(), userId, workspaceId, role, createdAt: new Date() }));
  }

  /** The user's role in the workspace, or undefined if they are not a member. */
  async roleIn(userId: string, workspaceId: string): Promise<Role | undefined> {
    const membership = await this.memberships.findOne({ where: { userId, workspaceId }, select: { role: true } });
    return membership && isRole(membership.role) ? membership.role : undefined;
  }

  /** Every membership of the user, oldest first. */
  membershipsOf(userId: string): Promise<MembershipEntity[]> {
    return this.memberships.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw badUserInput(`password: must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > 1024) throw badUserInput('password: must be at most 1024 characters');
}
