import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class InboxQueryDto {
  @ApiPropertyOptional({ enum: ['overdue', 'today'], description: 'overdue: past its due time; today: due today (Vietnam time)' })
  @IsOptional()
  @IsIn(['overdue', 'today'])
  due?: 'overdue' | 'today';

  @IsOptional() @Matches(/^[A-Z0-9-]{2,48}$/) communeCode?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(100)
  pageSize?: number;
}
