import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../accounts/auth.decorators';

/**
 * For a load balancer in front of several instances: answers while the process serves HTTP,
 * touching no database. Its fixed body is also the baseline of `npm run bench:http`.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  @Get()
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
