import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/auth.decorators';
import { ChainCheck } from './audit-chain';
import { AuditTrail } from './audit-trail';

class BrokenLineDto {
  seq!: number;
  reason!: string;
}

class ChainCheckDto implements ChainCheck {
  ok!: boolean;
  @ApiProperty({ description: 'how many lines were walked' }) checked!: number;
  @ApiProperty({ type: BrokenLineDto, nullable: true, description: 'the first line that does not hold' }) firstBroken!: BrokenLineDto | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('administrator')
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  /** Walks the whole chain and names the first line that does not hold. */
  @Get('verify')
  @ApiOkResponse({ type: ChainCheckDto })
  verify(): Promise<ChainCheck> {
    return this.trail.verify();
  }
}
