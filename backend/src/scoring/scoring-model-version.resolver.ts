import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from '../auth/models/user.model';
import { UsersService } from '../auth/users.service';
import { ScoringModelVersionModel } from './models/scoring-model-version.model';

@Resolver(() => ScoringModelVersionModel)
export class ScoringModelVersionResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => UserModel, { nullable: true, description: 'null for the models seeded at first start' })
  async publishedBy(@Parent() version: ScoringModelVersionModel): Promise<UserModel | null> {
    if (!version.publishedById) return null;
    const user = await this.users.findById(version.publishedById);
    return user && UserModel.from(user);
  }
}
