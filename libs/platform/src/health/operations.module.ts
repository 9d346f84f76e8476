import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller.js';

/** HTTP-only operational routes (/health, /metrics); the API imports it, the worker does not. */
@Module({ controllers: [OperationsController] })
export class OperationsModule {}
