import { DomainError } from './domain-error';

/**
 * A record outside the caller's scope: answered exactly like one that does not exist, so that ids
 * cannot be probed, and recorded in the audit trail by whoever catches it.
 */
export class AccessDenied extends DomainError {
  constructor(
    what: { vi: string; en: string },
    readonly subject: { type: 'case' | 'task' | 'alert' | 'agency'; id: string },
  ) {
    super('NOT_FOUND', { vi: `Không tìm thấy ${what.vi}`, en: `${what.en} not found` });
  }
}
