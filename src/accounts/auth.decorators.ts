import { SetMetadata } from '@nestjs/common';
import { Role } from '../../workflows/policy';

export const PUBLIC_ROUTE = 'publicRoute';
export const ALLOWED_ROLES = 'allowedRoles';
export const STREAM_TICKET = 'streamTicket';

/** Reachable without signing in. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Also opens with a single-use `?ticket=` from POST /auth/stream-tickets: only for event streams,
 * since a browser's EventSource cannot send headers. Never an access token in a URL.
 */
export const StreamTicketAccepted = () => SetMetadata(STREAM_TICKET, true);

/** Only for accounts holding one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
