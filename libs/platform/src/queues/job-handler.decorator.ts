import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Process, Processor } from '@nestjs/bull';
import type { JobName, QueueName } from './queues.js';

export const QUEUE_CONSUMER = Symbol('desk:queue-consumer');
export const JOB_HANDLER = Symbol('desk:job-handler');

/** Marks a class as the consumer of one queue (wraps bull's @Processor so the registry can see it). */
export function QueueConsumer(queue: QueueName): ClassDecorator {
  return applyDecorators(Processor(queue), SetMetadata(QUEUE_CONSUMER, queue));
}

/** Marks a method as the handler of one job (wraps bull's @Process so the registry can see it). */
export function JobHandler(job: JobName, concurrency = 1): MethodDecorator {
  return applyDecorators(Process({ name: job, concurrency }), SetMetadata(JOB_HANDLER, job));
}
