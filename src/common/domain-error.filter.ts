import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Response } from 'express';
import { AccessDenied } from './access-denied';
import { AuthenticatedRequest } from './actor.decorator';
import { DomainError, DomainErrorCode } from './domain-error';
import { RefusalLog } from './refusals';

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
  DUPLICATE_SUSPECTED: HttpStatus.CONFLICT,
  NOT_A_CANDIDATE: HttpStatus.UNPROCESSABLE_ENTITY,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  CONFLICT: HttpStatus.CONFLICT,
};

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: { vi: string; en: string };
  /** Which fields are wrong, or what to wait for; null when the code and message say it all. */
  details: unknown;
}

/**
 * The one place where errors become HTTP answers. Services throw DomainError; anything else is
 * answered without internals (no stack, no SQL) and logged by type only.
 */
@Catch()
@Injectable()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly refusals: RefusalLog) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (request.actor && (error instanceof AccessDenied || (error instanceof DomainError && error.code === 'FORBIDDEN'))) {
      // Refusals are recorded before the answer leaves, so that no probe goes unseen.
      await this.refusals
        .recordRefusal({
          actor: request.actor,
          subject: error instanceof AccessDenied ? error.subject : undefined,
          route: `${request.method} ${request.route?.path ?? ''}`,
          status: body.statusCode,
        })
        .catch(() => this.logger.error('Could not record a refusal in the audit trail'));
    }
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      return { statusCode: STATUS[error.code], code: error.code, message: error.text, details: error.details ?? null };
    }
    const status = clientErrorStatus(error);
    if (status) return { statusCode: status, ...(CLIENT_ERRORS[status] ?? CLIENT_ERRORS[HttpStatus.BAD_REQUEST]), details: null };
    this.logger.error(`Unhandled ${error instanceof Error ? error.name : typeof error}`, error instanceof Error ? error.stack : undefined);
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: { vi: 'Lỗi hệ thống, vui lòng thử lại', en: 'Internal error, please try again' },
      details: null,
    };
  }
}

/**
 * What the framework and the body reader refuse before our code runs. Their own messages may quote
 * the request (a route, bytes of a body), so the answer says only what kind of refusal it is.
 */
const CLIENT_ERRORS: Record<number, Pick<ErrorBody, 'code' | 'message'>> = {
  [HttpStatus.BAD_REQUEST]: { code: 'INVALID_INPUT', message: { vi: 'Yêu cầu không hợp lệ', en: 'The request is not valid' } },
  [HttpStatus.NOT_FOUND]: { code: 'NOT_FOUND', message: { vi: 'Không có địa chỉ này', en: 'No such route' } },
  [HttpStatus.METHOD_NOT_ALLOWED]: { code: 'NOT_FOUND', message: { vi: 'Không có địa chỉ này', en: 'No such route' } },
  [HttpStatus.PAYLOAD_TOO_LARGE]: { code: 'PAYLOAD_TOO_LARGE', message: { vi: 'Dữ liệu gửi lên quá lớn', en: 'The request body is too large' } },
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: { vi: 'Chỉ nhận nội dung JSON, mã UTF-8, không nén', en: 'Only uncompressed UTF-8 JSON bodies are accepted' },
  },
};

/** The 4xx status of a framework or body-reader error, or null for anything else (ours to answer as 500). */
function clientErrorStatus(error: unknown): number | null {
  const status = error instanceof HttpException ? error.getStatus() : typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : null;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}
