import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AlertTypes, type AlertType, type Severity } from '@seismo/contracts';
import { OptionalCooldownField, OptionalKeywordField, OptionalNotNull, OptionalSeverityField, OptionalSymbolField } from '../common/fields';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class CreateRuleDto {
  @ApiProperty({ enum: AlertTypes })
  @IsIn(AlertTypes as unknown as string[], { message: `type must be one of ${AlertTypes.join(', ')}` })
  type: AlertType;

  @OptionalSymbolField()
  symbol?: string;

  @OptionalKeywordField()
  keyword?: string;

  @ApiPropertyOptional({ example: { threshold: 5 }, description: 'rule parameters; missing ones take the defaults' })
  @OptionalNotNull()
  @IsObject({ message: 'params must be an object' })
  params?: Record<string, unknown>;

  @OptionalSeverityField()
  severity?: Severity;

  @OptionalCooldownField(3600)
  cooldownSeconds?: number;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class UpdateRuleDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsObject({ message: 'params must be an object' })
  params?: Record<string, unknown>;

  @OptionalSeverityField()
  severity?: Severity;

  @OptionalCooldownField()
  cooldownSeconds?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class CreateSnoozeDto {
  @ApiProperty({ enum: ['ticker', 'keyword'] })
  @IsIn(['ticker', 'keyword'], { message: 'targetType must be ticker or keyword' })
  targetType: 'ticker' | 'keyword';

  @ApiProperty({ example: 'NVDA' })
  @IsString({ message: 'target must be a string' })
  @Length(1, 100, { message: 'target must be 1-100 characters' })
  target: string;

  @ApiPropertyOptional({ description: 'minutes from now (default 60)', default: 60 })
  @IsOptional()
  @IsInt({ message: 'minutes must be an integer' })
  @Min(1, { message: 'minutes must be at least 1' })
  @Max(30 * 24 * 60, { message: 'minutes must be at most 43200' })
  minutes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'reason must be a string' })
  @Length(0, 500, { message: 'reason must be at most 500 characters' })
  reason?: string;
}
