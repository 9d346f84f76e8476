import { Global, Module } from '@nestjs/common';
import { Outbox } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';

/** Writing to the outbox: every app. */
@Global()
@Module({ providers: [Outbox], exports: [Outbox] })
export class OutboxModule {}

/** Relaying the outbox to bull: the worker. */
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxRelayModule {}
