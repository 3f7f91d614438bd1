import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageNumber, PageSize } from '../../common/validation';

export class InboxQueryDto {
  @ApiPropertyOptional({ enum: ['overdue', 'today'], description: 'overdue: past its due time; today: due today (Vietnam time)' })
  @IsOptional()
  @IsIn(['overdue', 'today'])
  due?: 'overdue' | 'today';

  @IsOptional() @Matches(/^[A-Z0-9-]{2,48}$/) communeCode?: string;

  @PageNumber() page?: number;

  @PageSize(20, 100) pageSize?: number;
}
