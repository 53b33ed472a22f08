import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';

import { OptionalAliasesField, OptionalNotNull, SYMBOL_PATTERN, trim, upper } from '../common/fields';

export class CreateTickerDto {
  @ApiProperty({ example: 'NVDA' })
  @Transform(upper)
  @IsString({ message: 'symbol must be a string' })
  @Matches(SYMBOL_PATTERN, { message: 'symbol must be 1-12 characters of A-Z, 0-9, ".", "-" or "^"' })
  symbol: string;

  @ApiPropertyOptional({ example: 'NVIDIA Corporation' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'name must be a string' })
  @Length(1, 200, { message: 'name must be 1-200 characters' })
  name?: string;

  @OptionalAliasesField(['Nvidia'])
  aliases?: string[];

  @ApiPropertyOptional({ example: 'NASDAQ' })
  @IsOptional()
  @IsString({ message: 'exchange must be a string' })
  @Length(1, 20, { message: 'exchange must be 1-20 characters' })
  exchange?: string;
}

export class CreateKeywordDto {
  @ApiProperty({ example: 'DeepSeek' })
  @Transform(trim)
  @IsString({ message: 'term must be a string' })
  @Length(1, 100, { message: 'term must be 1-100 characters' })
  term: string;

  @OptionalAliasesField(['deepseek-r1'])
  aliases?: string[];

  @ApiPropertyOptional({ example: ['NVDA', 'AVGO'], description: 'tickers whose subscribers receive this keyword’s alerts' })
  @OptionalNotNull()
  @IsArray({ message: 'symbols must be an array of ticker symbols' })
  @ArrayMaxSize(100, { message: 'symbols may hold at most 100 entries' })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value))
  @Matches(SYMBOL_PATTERN, { each: true, message: 'symbols must be ticker symbols (1-12 characters of A-Z, 0-9, ".", "-", "^")' })
  symbols?: string[];
}
