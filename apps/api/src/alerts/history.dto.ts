import { ApiPropertyOptional } from '@nestjs/swagger';
import { AlertTypes, type AlertType } from '@seismo/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { OptionalDateField, OptionalKeywordField, OptionalSymbolField } from '../common/fields';
import { PageQueryDto } from '../common/query.dto';

export class AlertsQueryDto extends PageQueryDto {
  @OptionalSymbolField()
  symbol?: string;

  @OptionalKeywordField()
  keyword?: string;

  @ApiPropertyOptional({ enum: AlertTypes })
  @IsOptional()
  @IsIn(AlertTypes as unknown as string[], { message: `type must be one of ${AlertTypes.join(', ')}` })
  type?: AlertType;

  @ApiPropertyOptional({ description: 'alert id: answers the alerts after it, oldest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'after must be an alert id (integer)' })
  @Min(0, { message: 'after must be at least 0' })
  @Max(2_147_483_647, { message: 'after must be an alert id' })
  after?: number;
}

export class ArticlesQueryDto extends PageQueryDto {
  @OptionalSymbolField()
  symbol?: string;

  @OptionalKeywordField()
  keyword?: string;

  @OptionalDateField('2025-01-27T00:00:00Z')
  from?: Date;

  @OptionalDateField('2025-01-28T00:00:00Z')
  to?: Date;
}

export const BUCKETS: Record<string, number> = { '5m': 300, '15m': 900, '1h': 3600, '4h': 14_400, '1d': 86_400 };

export class SeriesQueryDto {
  @OptionalDateField('2025-01-20T00:00:00Z')
  from?: Date;

  @OptionalDateField('2025-02-01T00:00:00Z')
  to?: Date;

  @ApiPropertyOptional({ enum: Object.keys(BUCKETS), default: '1h' })
  @IsOptional()
  @IsIn(Object.keys(BUCKETS), { message: `bucket must be one of ${Object.keys(BUCKETS).join(', ')}` })
  bucket?: string;
}

export class PricesQueryDto {
  @OptionalDateField()
  from?: Date;

  @OptionalDateField()
  to?: Date;

  @ApiPropertyOptional({ enum: ['1m', '1d'], default: '1d' })
  @IsOptional()
  @IsIn(['1m', '1d'], { message: 'interval must be 1m or 1d' })
  interval?: '1m' | '1d';

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, default: 5_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(10_000, { message: 'limit must be at most 10000' })
  limit?: number;
}
