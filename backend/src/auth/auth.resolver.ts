import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from './decorators/current-principal.decorator';
import { Public } from './decorators/public.decorator';
import { AuthPayloadModel } from './models/auth-payload.model';
import { MeModel } from './models/me.model';
import { MyWorkspaceModel } from './models/my-workspace.model';
import type { Principal } from './principal';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Signs in; the token is for the given workspace, else the first one' })
  login(
    @Args('email') email: string,
    @Args('password') password: string,
    @Args('workspaceId', { type: () => ID, nullable: true }) workspaceId?: string,
  ): Promise<AuthPayloadModel> {
    return this.auth.login(email, password, workspaceId);
  }

  @Query(() => MeModel)
  me(@CurrentPrincipal() principal: Principal): Promise<MeModel> {
    return this.auth.me(principal);
  }

  @Query(() => [MyWorkspaceModel], { description: 'The workspaces you are a member of, with your role in each' })
  myWorkspaces(@CurrentPrincipal() principal: Principal): Promise<MyWorkspaceModel[]> {
    return this.auth.myWorkspaces(principal);
  }

  @Mutation(() => AuthPayloadModel, { description: 'A token for another workspace you are a member of (the same answer as login); FORBIDDEN otherwise' })
  switchWorkspace(@CurrentPrincipal() principal: Principal, @Args('workspaceId', { type: () => ID }) workspaceId: string): Promise<AuthPayloadModel> {
    return this.auth.switchWorkspace(principal, workspaceId);
  }
}
