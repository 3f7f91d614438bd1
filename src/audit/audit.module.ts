import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { RefusalLog } from '../common/refusals';
import { AuditTrail } from './audit-trail';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditTrail, { provide: RefusalLog, useExisting: AuditTrail }],
  exports: [AuditTrail, RefusalLog],
})
export class AuditModule {}
