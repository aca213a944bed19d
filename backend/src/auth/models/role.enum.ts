import { registerEnumType } from '@nestjs/graphql';
import { Role, ROLES } from '../principal';

/** The GraphQL enum `Role`, built from ROLES so the two never drift apart. */
export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in Role]: R };

registerEnumType(RoleEnum, { name: 'Role', description: 'What a user may do in a workspace' });
