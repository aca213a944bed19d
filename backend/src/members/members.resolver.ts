import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { RoleEnum } from '../auth/models/role.enum';
import type { Principal, Role } from '../auth/principal';
import { AddWorkspaceMemberInput } from './dto/add-workspace-member.input';
import { MembersService } from './members.service';
import { WorkspaceMemberModel } from './models/workspace-member.model';

/** Every member may see who is in the workspace (approver lists, assignees); only admins change it. */
@Resolver(() => WorkspaceMemberModel)
export class MembersResolver {
  constructor(private readonly service: MembersService) {}

  @Query(() => [WorkspaceMemberModel], { description: 'The members of your workspace with their roles, earliest first' })
  workspaceMembers(@CurrentPrincipal() principal: Principal): Promise<WorkspaceMemberModel[]> {
    return this.service.list(principal.workspaceId);
  }

  @Roles('admin')
  @Mutation(() => WorkspaceMemberModel, {
    description: 'Adds a user to your workspace by email; creates the user when the email is unknown (then password is required)',
  })
  addWorkspaceMember(@CurrentPrincipal() principal: Principal, @Args('input') input: AddWorkspaceMemberInput): Promise<WorkspaceMemberModel> {
    return this.service.add(principal, input);
  }

  @Roles('admin')
  @Mutation(() => WorkspaceMemberModel, { description: "Changes another member's role; the workspace always keeps an admin" })
  changeMemberRole(
    @CurrentPrincipal() principal: Principal,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('role', { type: () => RoleEnum }) role: Role,
  ): Promise<WorkspaceMemberModel> {
    return this.service.changeRole(principal, userId, role);
  }

  @Roles('admin')
  @Mutation(() => Boolean, { description: 'Removes another member from your workspace (their account stays); the workspace always keeps an admin' })
  removeWorkspaceMember(@CurrentPrincipal() principal: Principal, @Args('userId', { type: () => ID }) userId: string): Promise<boolean> {
    return this.service.remove(principal, userId);
  }
}
