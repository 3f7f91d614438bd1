import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { TaskPlanner } from './task-planner';
import { TaskViews } from './task-views';
import { Task } from './task.entity';
import { TasksRepository } from './tasks.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Task]), AgenciesModule],
  providers: [TasksRepository, TaskPlanner, TaskViews],
  exports: [TasksRepository, TaskPlanner, TaskViews],
})
export class TasksModule {}
