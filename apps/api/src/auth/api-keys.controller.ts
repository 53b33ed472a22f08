import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ApiKeysRepository } from '@seismo/db';
import { IdPipe } from '../common/params';
import { ApiKeyService, type Scope } from './api-key.service';

export class CreateApiKeyDto {
  @IsString()
  @Length(1, 100)
  name: string;

  @IsIn(['read', 'admin'], { message: 'scope must be read or admin' })
  scope: Scope;
}

@ApiTags('keys')
@ApiBearerAuth()
@Controller('keys')
export class ApiKeysController {
  constructor(
    private readonly service: ApiKeyService,
    private readonly repo: ApiKeysRepository,
  ) {}

  @Get()
  async list() {
    const rows = await this.repo.list();
    return { items: rows.map(({ hash: _h, ...r }) => r), next: null };
  }

  /** The plain key is shown once, in this answer; only its hash is stored. */
  @Post()
  create(@Body() dto: CreateApiKeyDto) {
    return this.service.create(dto.name, dto.scope);
  }

  @Delete(':id')
  async revoke(@Param('id', IdPipe) id: number) {
    const { hash: _h, ...r } = await this.repo.revoke(id);
    return r;
  }
}
