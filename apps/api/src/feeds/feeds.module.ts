import { Module } from '@nestjs/common';
import { FeedsController } from './feeds.controller';
import { WebSubController } from './websub.controller';

@Module({ controllers: [FeedsController, WebSubController] })
export class FeedsModule {}
