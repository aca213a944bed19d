import { SetMetadata } from '@nestjs/common';
import type { Role } from '../principal';

export const ROLES_KEY = 'tripline:roles';

/** Restricts a resolver (method or class) to these roles; admin is always allowed. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
