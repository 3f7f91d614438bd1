import { ApiProperty } from '@nestjs/swagger';
import { AgencyType, Role } from '../../../workflows/policy';
import { ScopeLevel } from '../../common/actor.decorator';
import { Text } from '../../common/validation';

export class SignInDto {
  @Text(64) username!: string;
  @Text(200) password!: string;
}

export class RefreshDto {
  @Text(200) refreshToken!: string;
}

export class SignedInDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds the access token lives' }) expiresIn!: number;
  @ApiProperty({ description: 'Swap at POST /auth/refresh for a new pair; each can be used once' }) refreshToken!: string;
}

export class StreamTicketDto {
  @ApiProperty({ description: 'Open the stream with `?ticket=`; it works once' }) ticket!: string;
  @ApiProperty({ description: 'Seconds the ticket lives' }) expiresIn!: number;
}

export class MeDto {
  id!: string;
  username!: string;
  agencyId!: string;
  agencyType!: AgencyType;
  roles!: Role[];
  scope!: { level: ScopeLevel; code: string | null };
}
