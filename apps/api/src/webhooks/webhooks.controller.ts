import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AlertTypes, Severities } from '@seismo/contracts';
import { decodeCursor, WebhooksRepository, type WebhookEndpoint } from '@seismo/db';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { OptionalNotNull } from '../common/fields';
import { IdPipe, limitOf } from '../common/params';
import { PageQueryDto } from '../common/query.dto';

export class CreateWebhookDto {
  @ApiProperty()
  @IsString({ message: 'url must be a string' })
  @MaxLength(2048, { message: 'url must be at most 2048 characters' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https URL' })
  url: string;

  @ApiPropertyOptional({ enum: ['json', 'slack', 'discord'], default: 'json' })
  @OptionalNotNull()
  @IsIn(['json', 'slack', 'discord'], { message: 'format must be json, slack or discord' })
  format?: string;

  @ApiPropertyOptional({ description: 'HMAC-SHA256 secret; generated when omitted' })
  @OptionalNotNull()
  @IsString({ message: 'secret must be a string' })
  @Length(16, 200, { message: 'secret must be 16-200 characters' })
  secret?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsArray({ message: 'symbols must be an array' })
  @ArrayMaxSize(200)
  @IsString({ each: true, message: 'symbols must be an array of strings' })
  symbols?: string[];

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsArray({ message: 'keywords must be an array' })
  @ArrayMaxSize(100)
  @IsString({ each: true, message: 'keywords must be an array of strings' })
  keywords?: string[];

  @ApiPropertyOptional({ enum: AlertTypes, isArray: true })
  @OptionalNotNull()
  @IsArray({ message: 'types must be an array' })
  @IsIn(AlertTypes as unknown as string[], { each: true, message: `types must hold alert types (${AlertTypes.join(', ')})` })
  types?: string[];

  @ApiPropertyOptional({ enum: Severities, default: 'info' })
  @OptionalNotNull()
  @IsIn(Severities as unknown as string[], { message: `minSeverity must be one of ${Severities.join(', ')}` })
  minSeverity?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({ enum: ['json', 'slack', 'discord'] })
  @OptionalNotNull()
  @IsIn(['json', 'slack', 'discord'], { message: 'format must be json, slack or discord' })
  format?: string;

  @ApiPropertyOptional({ enum: Severities })
  @OptionalNotNull()
  @IsIn(Severities as unknown as string[], { message: `minSeverity must be one of ${Severities.join(', ')}` })
  minSeverity?: string;
}

const view = ({ secret, ...w }: WebhookEndpoint) => ({ ...w, secretPrefix: secret.slice(0, 4) });

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly hooks: WebhooksRepository) {}

  @Get()
  async list(@Query() q: PageQueryDto) {
    const p = await this.hooks.list(limitOf(q.limit), decodeCursor(q.cursor));
    return { items: p.items.map(view), next: p.next };
  }

  /** The secret is returned once, on creation. Deliveries carry `X-Seismo-Signature: sha256=<hex>`. */
  @Post()
  async create(@Body() dto: CreateWebhookDto) {
    const secret = dto.secret ?? randomBytes(24).toString('base64url');
    const w = await this.hooks.create({
      url: dto.url,
      secret,
      format: dto.format ?? 'json',
      symbols: (dto.symbols ?? []).map((s) => s.toUpperCase()),
      keywords: dto.keywords ?? [],
      types: dto.types ?? [],
      minSeverity: dto.minSeverity ?? 'info',
    });
    return { ...view(w), secret };
  }

  @Patch(':id')
  async update(@Param('id', IdPipe) id: number, @Body() dto: UpdateWebhookDto) {
    return view(await this.hooks.update(id, dto));
  }

  @Delete(':id')
  async remove(@Param('id', IdPipe) id: number) {
    return view(await this.hooks.delete(id));
  }

  @Get(':id/deliveries')
  deliveries(@Param('id', IdPipe) id: number, @Query() q: PageQueryDto) {
    return this.hooks.deliveries(id, limitOf(q.limit), decodeCursor(q.cursor));
  }
}
