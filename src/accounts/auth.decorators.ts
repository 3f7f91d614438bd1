import { SetMetadata } from '@nestjs/common';
import { Role } from '../../workflows/policy';

export const PUBLIC_ROUTE = 'publicRoute';
export const ALLOWED_ROLES = 'allowedRoles';
export const TOKEN_IN_QUERY = 'tokenInQuery';

/** Reachable without signing in. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Also takes the access token as `?access_token=`: only for event streams, since a browser's
 * EventSource cannot send headers and a token in a URL can end up in proxies' logs.
 */
export const TokenInQuery = () => SetMetadata(TOKEN_IN_QUERY, true);

/** Only for accounts holding one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
