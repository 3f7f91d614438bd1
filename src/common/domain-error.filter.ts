import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Response } from 'express';
import { AccessDenied } from '../access/access-denied';
import { AuditTrail } from '../audit/audit-trail';
import { AuthenticatedRequest } from './actor.decorator';
import { DomainError, DomainErrorCode } from './domain-error';

const STATUS: Record<DomainErrorCode, HttpStatus> = {
  INVALID_INPUT: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  EVENT_NOT_ALLOWED: HttpStatus.UNPROCESSABLE_ENTITY,
  ACTION_NOT_ALLOWED: HttpStatus.UNPROCESSABLE_ENTITY,
  NO_AGENCY_IN_AREA: HttpStatus.UNPROCESSABLE_ENTITY,
  VERSION_CONFLICT: HttpStatus.CONFLICT,
  TASK_CLOSED: HttpStatus.CONFLICT,
  TASK_CLAIMED: HttpStatus.CONFLICT,
  CASE_STATE_UNKNOWN: HttpStatus.CONFLICT,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  ACCOUNT_LOCKED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  CONFLICT: HttpStatus.CONFLICT,
};

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: { vi: string; en: string };
  details?: unknown;
}

/**
 * The one place where errors become HTTP answers. Services throw DomainError; anything else is
 * answered without internals (no stack, no SQL) and logged by type only.
 */
@Catch()
@Injectable()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly audit: AuditTrail) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (request.actor && (error instanceof AccessDenied || (error instanceof DomainError && error.code === 'FORBIDDEN'))) {
      // Refusals are recorded before the answer leaves, so that no probe goes unseen.
      await this.audit
        .record({
          actor: request.actor,
          action: 'authz.denied',
          outcome: 'denied',
          subject: error instanceof AccessDenied ? error.subject : undefined,
          detail: { route: `${request.method} ${request.route?.path ?? ''}`, status: body.statusCode },
        })
        .catch(() => this.logger.error('Could not record a refusal in the audit trail'));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      return { statusCode: STATUS[error.code], code: error.code, message: error.text, details: error.details };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return {
        statusCode: status,
        code: status === HttpStatus.NOT_FOUND ? 'NOT_FOUND' : status === HttpStatus.PAYLOAD_TOO_LARGE ? 'PAYLOAD_TOO_LARGE' : 'HTTP_ERROR',
        message: { vi: 'Yêu cầu không được chấp nhận', en: error.message },
      };
    }
    const parserError = bodyParserError(error);
    if (parserError) return parserError;
    this.logger.error(`Unhandled ${error instanceof Error ? error.name : typeof error}`, error instanceof Error ? error.stack : undefined);
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: { vi: 'Lỗi hệ thống, vui lòng thử lại', en: 'Internal error, please try again' },
    };
  }
}

/** Errors of the body parser, which runs before Nest: a body too large or not JSON. */
function bodyParserError(error: unknown): ErrorBody | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type } = error as { status?: unknown; type?: unknown };
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
    return {
      statusCode: status,
      code: 'PAYLOAD_TOO_LARGE',
      message: { vi: 'Dữ liệu gửi lên quá lớn', en: 'The request body is too large' },
    };
  }
  if (status === HttpStatus.BAD_REQUEST && type === 'entity.parse.failed') {
    return {
      statusCode: status,
      code: 'INVALID_INPUT',
      message: { vi: 'Nội dung không phải JSON hợp lệ', en: 'The request body is not valid JSON' },
    };
  }
  return null;
}
