import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AlertsRepository, alertToPayload, decodeCursor, KeywordsRepository } from '@seismo/db';
import { IdPipe, limitOf } from '../common/params';
import { AlertsQueryDto } from './history.dto';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly keywords: KeywordsRepository,
  ) {}

  /** With `after`: alerts after that id, oldest first. Without: the newest `limit`, oldest first; `next` pages back. */
  @Get()
  async list(@Query() q: AlertsQueryDto) {
    const linked = new Map((await this.keywords.all()).map((k) => [k.term, k.symbols]));
    const p = await this.alerts.list(
      {
        symbols: q.symbol ? [q.symbol] : undefined,
        keywords: q.keyword ? [q.keyword] : undefined,
        types: q.type ? [q.type] : undefined,
        afterId: q.after ?? null,
        beforeId: decodeCursor(q.cursor),
        limit: limitOf(q.limit),
      },
      linked,
    );
    return { items: p.items.map((a) => alertToPayload(a, a.keyword ? linked.get(a.keyword) : undefined)), next: p.next };
  }

  @Get(':id')
  async one(@Param('id', IdPipe) id: number) {
    const a = await this.alerts.find(id);
    if (!a) throw new NotFoundException(`alert ${id} not found`);
    return alertToPayload(a);
  }
}
