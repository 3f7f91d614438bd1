import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { CasesModule } from '../cases/cases.module';
import { TasksModule } from '../tasks/tasks.module';
import { InboxController, TaskActionsController } from './inbox.controller';
import { InboxService } from './inbox.service';

@Module({
  imports: [CasesModule, TasksModule, AgenciesModule],
  controllers: [InboxController, TaskActionsController],
  providers: [InboxService],
})
export class InboxModule {}
