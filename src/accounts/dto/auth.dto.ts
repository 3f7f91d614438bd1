import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AgencyType, Role } from '../../../workflows/policy';
import { ScopeLevel } from '../../common/actor.decorator';

export class SignInDto {
  @IsString() @IsNotEmpty() @MaxLength(64) username!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) password!: string;
}

export class RefreshDto {
  @IsString() @IsNotEmpty() @MaxLength(200) refreshToken!: string;
}

export class SignedInDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds the access token lives' }) expiresIn!: number;
  @ApiProperty({ description: 'Swap at POST /auth/refresh for a new pair; each can be used once' }) refreshToken!: string;
}

export class MeDto {
  id!: string;
  username!: string;
  agencyId!: string;
  agencyType!: AgencyType;
  roles!: Role[];
  scope!: { level: ScopeLevel; code: string | null };
}
