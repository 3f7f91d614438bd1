import { Actor } from './actor.decorator';

/** A refused request, as the error filter reports it: who, which record if any, which route. */
export interface Refusal {
  actor: Pick<Actor, 'id' | 'agencyId'>;
  subject?: { type: 'case' | 'task' | 'alert' | 'agency'; id: string };
  route: string;
  status: number;
}

/**
 * Where refusals are recorded before the answer leaves, so that no probe goes unseen. The audit
 * module provides it; `common/` names only the need, and imports no feature module.
 */
export abstract class RefusalLog {
  abstract recordRefusal(refusal: Refusal): Promise<void>;
}
