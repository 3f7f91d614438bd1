/** What went wrong, as the people using the service should read it: one code, two languages. */
export type DomainErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'EVENT_NOT_ALLOWED'
  | 'VERSION_CONFLICT'
  | 'TASK_CLOSED'
  | 'TASK_CLAIMED'
  | 'ACTION_NOT_ALLOWED'
  | 'NO_AGENCY_IN_AREA'
  | 'CASE_STATE_UNKNOWN'
  | 'DUPLICATE_SUSPECTED'
  | 'NOT_A_CANDIDATE'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'CONFLICT';

export interface Message {
  vi: string;
  en: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly text: Message,
    readonly details?: unknown,
  ) {
    super(text.en);
    this.name = 'DomainError';
  }

  static notFound(what: Message): DomainError {
    return new DomainError('NOT_FOUND', { vi: `Không tìm thấy ${what.vi}`, en: `${what.en} not found` });
  }
}
