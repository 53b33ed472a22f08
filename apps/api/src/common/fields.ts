import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Severities } from '@seismo/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';

/**
 * A body field that may be left out but is never `null`. `IsOptional` skips validation for null
 * too, and a null then reached Prisma for a column that cannot hold it (a 500): with this, a null
 * is validated like any other value and refused with the field's own message.
 */
export const OptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Ticker symbols: 1–12 characters of A–Z, 0–9, '.', '-', '^'. */
export const SYMBOL_PATTERN = /^[A-Z0-9.^-]{1,12}$/;

export const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** ISO-8601 dates (`2025-01-27`, `2025-01-27T14:30:00Z`); anything else fails validation. */
const isoDate = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return 'invalid';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? 'invalid' : d;
};

/** An optional ticker symbol, upper-cased. */
export const OptionalSymbolField = () =>
  applyDecorators(
    ApiPropertyOptional({ example: 'NVDA' }),
    IsOptional(),
    Transform(upper),
    Matches(SYMBOL_PATTERN, { message: '$property must be a ticker symbol' }),
  );

/** An optional keyword term. */
export const OptionalKeywordField = () =>
  applyDecorators(
    ApiPropertyOptional({ example: 'DeepSeek' }),
    IsOptional(),
    IsString({ message: '$property must be a string' }),
    Length(1, 100, { message: '$property must be 1-100 characters' }),
  );

/** An optional ISO-8601 date (query `from`/`to`). */
export const OptionalDateField = (example?: string) =>
  applyDecorators(
    ApiPropertyOptional(example ? { example } : {}),
    IsOptional(),
    Transform(isoDate),
    IsDate({ message: '$property must be an ISO-8601 date' }),
  );

/** Optional aliases: at most 50 strings of 1–100 characters. */
export const OptionalAliasesField = (example: string[]) =>
  applyDecorators(
    ApiPropertyOptional({ example }),
    IsOptional(),
    IsArray({ message: 'aliases must be an array of strings' }),
    ArrayMaxSize(50, { message: 'aliases may hold at most 50 entries' }),
    IsString({ each: true, message: 'aliases must be an array of strings' }),
    Length(1, 100, { each: true, message: 'each alias must be 1-100 characters' }),
  );

/** An optional alert severity. */
export const OptionalSeverityField = () =>
  applyDecorators(
    ApiPropertyOptional({ enum: Severities }),
    IsOptional(),
    IsIn(Severities as unknown as string[], { message: `$property must be one of ${Severities.join(', ')}` }),
  );

/** An optional cooldown in seconds, 0 to 30 days. */
export const OptionalCooldownField = (defaultSeconds?: number) =>
  applyDecorators(
    ApiPropertyOptional(defaultSeconds === undefined ? {} : { default: defaultSeconds }),
    OptionalNotNull(),
    IsInt({ message: '$property must be an integer' }),
    Min(0, { message: '$property must be at least 0' }),
    Max(30 * 86_400, { message: '$property must be at most 2592000' }),
  );
