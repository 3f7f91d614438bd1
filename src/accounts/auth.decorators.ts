import { SetMetadata } from '@nestjs/common';
import { Role } from '../../workflows/policy';

export const PUBLIC_ROUTE = 'publicRoute';
export const ALLOWED_ROLES = 'allowedRoles';

/** Reachable without signing in. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only for accounts holding one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
