import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { DomainError } from './domain-error';

/** Who acts, as recorded in the case history. Until sign-in exists it comes from `X-Actor`. */
export interface Actor {
  id: string;
}

const ACTOR_PATTERN = /^[\p{L}\p{N}._@-]{1,64}$/u;

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Request>();
  const id = request.header('x-actor');
  if (!id || !ACTOR_PATTERN.test(id)) {
    throw new DomainError('INVALID_INPUT', {
      vi: 'Thiếu hoặc sai tiêu đề X-Actor (mã người thực hiện, tối đa 64 ký tự)',
      en: 'Missing or malformed X-Actor header (the acting user id, up to 64 characters)',
    });
  }
  return { id };
});
