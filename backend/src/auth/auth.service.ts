import { Injectable, OnModuleInit } from '@nestjs/common';
import { forbidden, notFound, unauthenticated } from '../graphql/errors';
import { WorkspacesService } from '../workspaces/workspaces.service';
import type { MembershipEntity } from './membership.entity';
import { AuthPayloadModel } from './models/auth-payload.model';
import { MeModel } from './models/me.model';
import { MyWorkspaceModel } from './models/my-workspace.model';
import { UserModel } from './models/user.model';
import { WorkspaceModel } from './models/workspace.model';
import { decoyPasswordHash, verifyPassword } from './password-hasher';
import type { Principal } from './principal';
import { TokenService } from './token.service';
import type { UserEntity } from './user.entity';
import { UsersService } from './users.service';

const INVALID_LOGIN = 'Invalid email or password';

@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    private readonly users: UsersService,
    private readonly workspaces: WorkspacesService,
    private readonly tokens: TokenService,
  ) {}

  /** Computes the decoy hash up front, so the first unknown-email login is not slower than the rest. */
  onModuleInit(): void {
    decoyPasswordHash().catch(() => undefined);
  }

  /**
   * Signs a user in to a workspace (the given one, else their oldest membership). A wrong email
   * and a wrong password get the same message and take the same time.
   */
  async login(email: string, password: string, workspaceId?: string | null): Promise<AuthPayloadModel> {
    const user = await this.users.findByEmail(email ?? '');
    const passwordOk = await verifyPassword(password ?? '', user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !passwordOk) throw unauthenticated(INVALID_LOGIN);

    const memberships = await this.users.membershipsOf(user.id);
    const membership = workspaceId ? memberships.find((m) => m.workspaceId === workspaceId) : memberships[0];
    if (!membership) {
      throw workspaceId ? forbidden('You are not a member of that workspace') : forbidden('You are not a member of any workspace');
    }
    return this.payloadFor(user, membership);
  }

  /**
   * A new token for another workspace of the signed-in user (the same answer as login); FORBIDDEN
   * when they are not a member of it. The old token stays valid for its own workspace.
   */
  async switchWorkspace(principal: Principal, workspaceId: string): Promise<AuthPayloadModel> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw unauthenticated('Your account no longer exists');
    const membership = (await this.users.membershipsOf(user.id)).find((m) => m.workspaceId === workspaceId);
    if (!membership) throw forbidden('You are not a member of that workspace');
    return this.payloadFor(user, membership);
  }

  /** Every workspace the signed-in user is a member of, with their role there, oldest membership first. */
  async myWorkspaces(principal: Principal): Promise<MyWorkspaceModel[]> {
    const workspaces: MyWorkspaceModel[] = [];
    for (const membership of await this.users.membershipsOf(principal.userId)) {
      const workspace = await this.workspaces.findById(membership.workspaceId);
      if (workspace) workspaces.push({ id: workspace.id, name: workspace.name, role: membership.role });
    }
    return workspaces;
  }

  private async payloadFor(user: UserEntity, membership: MembershipEntity): Promise<AuthPayloadModel> {
    const workspace = await this.workspaces.findById(membership.workspaceId);
    if (!workspace) throw notFound('Workspace');
    const token = await this.tokens.sign({ userId: user.id, workspaceId: workspace.id });
    return { token, user: UserModel.from(user), workspace: WorkspaceModel.from(workspace), role: membership.role };
  }

  async me(principal: Principal): Promise<MeModel> {
    const user = await this.users.findById(principal.userId);
    const workspace = await this.workspaces.findById(principal.workspaceId);
    if (!user || !workspace) throw unauthenticated('Your account or workspace no longer exists: sign in again');
    const memberships = [];
    for (const membership of await this.users.membershipsOf(user.id)) {
      const other = membership.workspaceId === workspace.id ? workspace : await this.workspaces.findById(membership.workspaceId);
      if (other) memberships.push({ workspace: WorkspaceModel.from(other), role: membership.role });
    }
    return { user: UserModel.from(user), workspace: WorkspaceModel.from(workspace), role: principal.role, memberships };
  }
}
