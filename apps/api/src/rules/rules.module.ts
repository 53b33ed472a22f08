import { Module } from '@nestjs/common';
import { RulesController, SnoozesController } from './rules.controller';

@Module({ controllers: [RulesController, SnoozesController] })
export class RulesModule {}
