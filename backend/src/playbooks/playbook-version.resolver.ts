import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from '../auth/models/user.model';
import { UsersService } from '../auth/users.service';
import { PlaybookVersionModel } from './models/playbook-version.model';

@Resolver(() => PlaybookVersionModel)
export class PlaybookVersionResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => UserModel, { nullable: true })
  async publishedBy(@Parent() version: PlaybookVersionModel): Promise<UserModel | null> {
    if (!version.publishedById) return null;
    const user = await this.users.findById(version.publishedById);
    return user && UserModel.from(user);
  }
}
