import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull } from '../common/fields';

export const MIN_POLL_SECONDS = 10;

export class CreateFeedDto {
  @ApiProperty({ example: 'https://feeds.example.com/markets.xml' })
  @IsString({ message: 'url must be a string' })
  @MaxLength(2048, { message: 'url must be at most 2048 characters' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true }, { message: 'url must be an http or https URL' })
  url: string;

  @ApiPropertyOptional({ minimum: MIN_POLL_SECONDS, default: 60 })
  @OptionalNotNull()
  @IsInt({ message: 'pollSeconds must be an integer' })
  @Min(MIN_POLL_SECONDS, { message: `pollSeconds must be at least ${MIN_POLL_SECONDS}` })
  @Max(86_400, { message: 'pollSeconds must be at most 86400' })
  pollSeconds?: number;
}

export class UpdateFeedDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString({ message: 'url must be a string' })
  @MaxLength(2048, { message: 'url must be at most 2048 characters' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true }, { message: 'url must be an http or https URL' })
  url?: string;

  @ApiPropertyOptional({ minimum: MIN_POLL_SECONDS })
  @OptionalNotNull()
  @IsInt({ message: 'pollSeconds must be an integer' })
  @Min(MIN_POLL_SECONDS, { message: `pollSeconds must be at least ${MIN_POLL_SECONDS}` })
  @Max(86_400, { message: 'pollSeconds must be at most 86400' })
  pollSeconds?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
