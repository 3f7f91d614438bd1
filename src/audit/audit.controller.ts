import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/auth.decorators';
import { ChainCheck } from './audit-chain';
import { AuditTrail } from './audit-trail';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('administrator')
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  /** Walks the whole chain and names the first line that does not hold. */
  @Get('verify')
  verify(): Promise<ChainCheck> {
    return this.trail.verify();
  }
}
