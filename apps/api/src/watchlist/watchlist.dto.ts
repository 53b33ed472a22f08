import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateTickerDto {
  @ApiProperty({ example: 'NVDA' })
  @Transform(upper)
  @IsString({ message: 'symbol must be a string' })
  @Matches(/^[A-Z0-9.^-]{1,12}$/, { message: 'symbol must be 1-12 characters of A-Z, 0-9, ".", "-" or "^"' })
  symbol: string;

  @ApiPropertyOptional({ example: 'NVIDIA Corporation' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'name must be a string' })
  @Length(1, 200, { message: 'name must be 1-200 characters' })
  name?: string;

  @ApiPropertyOptional({ example: ['Nvidia'] })
  @IsOptional()
  @IsArray({ message: 'aliases must be an array of strings' })
  @ArrayMaxSize(50, { message: 'aliases may hold at most 50 entries' })
  @IsString({ each: true, message: 'aliases must be an array of strings' })
  @Length(1, 100, { each: true, message: 'each alias must be 1-100 characters' })
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

  @ApiPropertyOptional({ example: ['deepseek-r1'] })
  @IsOptional()
  @IsArray({ message: 'aliases must be an array of strings' })
  @ArrayMaxSize(50, { message: 'aliases may hold at most 50 entries' })
  @IsString({ each: true, message: 'aliases must be an array of strings' })
  @Length(1, 100, { each: true, message: 'each alias must be 1-100 characters' })
  aliases?: string[];

  @ApiPropertyOptional({ example: ['NVDA', 'AVGO'], description: 'tickers whose subscribers receive this keyword’s alerts' })
  @IsOptional()
  @IsArray({ message: 'symbols must be an array of ticker symbols' })
  @ArrayMaxSize(100, { message: 'symbols may hold at most 100 entries' })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value))
  @Matches(/^[A-Z0-9.^-]{1,12}$/, { each: true, message: 'symbols must be ticker symbols (1-12 characters of A-Z, 0-9, ".", "-", "^")' })
  symbols?: string[];
}
