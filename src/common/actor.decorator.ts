import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { AgencyType, Role } from '../../workflows/policy';

export type ScopeLevel = 'national' | 'province' | 'district' | 'commune';

/** The signed-in person a request acts for, as the access token says. */
export interface Actor {
  /** Account id. */
  id: string;
  username: string;
  agencyId: string;
  agencyType: AgencyType;
  roles: Role[];
  scope: { level: ScopeLevel; code: string | null };
  /** The session the token belongs to; logout revokes it. */
  sessionId: string;
}

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
