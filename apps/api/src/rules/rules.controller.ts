import { Body, Controller, Delete, Get, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { decodeCursor, RulesRepository, SnoozesRepository } from '@seismo/db';
import { validateRuleParams } from '@seismo/signals';
import { badField } from '../common/validation';
import { IdPipe, limitOf } from '../common/params';
import { PageQueryDto } from '../common/query.dto';
import { CreateRuleDto, CreateSnoozeDto, UpdateRuleDto } from './rules.dto';

function checkParams(type: string, params: Record<string, unknown> | undefined) {
  const problem = validateRuleParams(type, params ?? {});
  if (problem) throw badField(`params.${problem.field}`, problem.reason);
}

@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesRepository) {}

  @Get()
  list(@Query() q: PageQueryDto) {
    return this.rules.list(limitOf(q.limit), decodeCursor(q.cursor));
  }

  @Post()
  create(@Body() dto: CreateRuleDto) {
    checkParams(dto.type, dto.params);
    return this.rules.create({
      type: dto.type,
      symbol: dto.symbol ?? null,
      keyword: dto.keyword ?? null,
      params: (dto.params ?? {}) as object,
      severity: dto.severity ?? null,
      cooldownSeconds: dto.cooldownSeconds ?? 3600,
      enabled: dto.enabled ?? true,
    });
  }

  @Patch(':id')
  async update(@Param('id', IdPipe) id: number, @Body() dto: UpdateRuleDto) {
    const rule = await this.rules.find(id);
    if (!rule) throw new NotFoundException(`rule ${id} not found`);
    if (dto.params) checkParams(rule.type, dto.params);
    return this.rules.update(id, { ...dto, params: dto.params as object | undefined });
  }

  @Delete(':id')
  remove(@Param('id', IdPipe) id: number) {
    return this.rules.delete(id);
  }
}

@ApiTags('rules')
@ApiBearerAuth()
@Controller('snoozes')
export class SnoozesController {
  constructor(private readonly snoozes: SnoozesRepository) {}

  @Get()
  async list() {
    return { items: await this.snoozes.list(), next: null };
  }

  @Post()
  create(@Body() dto: CreateSnoozeDto) {
    const target = dto.targetType === 'ticker' ? dto.target.trim().toUpperCase() : dto.target.trim();
    return this.snoozes.upsert({ targetType: dto.targetType, target, until: new Date(Date.now() + (dto.minutes ?? 60) * 60_000), reason: dto.reason });
  }

  @Delete(':id')
  remove(@Param('id', IdPipe) id: number) {
    return this.snoozes.delete(id);
  }
}
