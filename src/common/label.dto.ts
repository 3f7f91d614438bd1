import { ApiProperty } from '@nestjs/swagger';

/** A name in both languages: Vietnamese first. */
export class LabelDto {
  @ApiProperty({ example: 'Quá hạn' }) vi!: string;
  @ApiProperty({ example: 'Overdue' }) en!: string;
}

/** What every refused request answers (see the README's error table). */
export class ErrorDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'INVALID_INPUT' }) code!: string;
  @ApiProperty({ type: LabelDto }) message!: LabelDto;
  @ApiProperty({
    nullable: true,
    description: 'the fields at fault ([{ field, problems }]), or what the conflict is about',
    oneOf: [{ type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } } } }, { type: 'object' }],
  })
  details!: unknown;
}
