import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../../workflows/policy';
import { ScopeLevel } from '../../common/actor.decorator';
import { Account } from '../account.entity';
import { MIN_PASSWORD_LENGTH } from '../passwords';
import { Optional, Text } from '../../common/validation';

export const ROLES: readonly Role[] = ['operator', 'officer', 'supervisor', 'coordinator', 'administrator'];
const SCOPES: readonly ScopeLevel[] = ['national', 'province', 'district', 'commune'];

export class CreateAccountDto {
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username: 3–64 lower-case letters, digits, dots, dashes or underscores' }) username!: string;
  @Text(120) displayName!: string;
  @IsUUID() agencyId!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(ROLES, { each: true }) roles!: Role[];
  @ApiPropertyOptional({ enum: SCOPES, description: 'defaults to the area of the agency' }) @IsOptional() @IsIn(SCOPES) scopeLevel?: ScopeLevel;
  @IsOptional() @Matches(/^[A-Z0-9-]{2,48}$/) scopeCode?: string;
  @IsString() @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` }) @MaxLength(200) password!: string;
}

export class UpdateAccountDto {
  @Optional() @Text(120) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES, isArray: true }) @Optional() @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(ROLES, { each: true }) roles?: Role[];
  @ApiPropertyOptional({ description: 'false signs the person out everywhere' }) @Optional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'a new password also ends every session' })
  @Optional() @IsString() @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` }) @MaxLength(200) password?: string;
}

export class AccountDto {
  id!: string;
  username!: string;
  displayName!: string;
  agencyId!: string;
  roles!: Role[];
  scope!: { level: ScopeLevel; code: string | null };
  active!: boolean;
  demo!: boolean;

  static from(account: Account): AccountDto {
    return {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      agencyId: account.agencyId,
      roles: account.roles,
      scope: { level: account.scopeLevel, code: account.scopeCode },
      active: account.active,
      demo: account.demo,
    };
  }
}
