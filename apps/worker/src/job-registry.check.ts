import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import {
  type DeclaredHandler,
  JOB_HANDLER,
  JOB_REGISTRY,
  QUEUE_CONSUMER,
  registryProblems,
} from '@desk/platform';

/** Every (queue, job) handler declared by a provider class of the worker, read from class metadata. */
export function discoverHandlers(modules: ModulesContainer): DeclaredHandler[] {
  const handlers: DeclaredHandler[] = [];
  const seen = new Set<unknown>();
  for (const module of modules.values()) {
    for (const wrapper of module.providers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null | undefined;
      if (!type || typeof type !== 'function' || seen.has(type)) continue;
      seen.add(type);
      const queue = Reflect.getMetadata(QUEUE_CONSUMER, type) as string | undefined;
      if (!queue) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const method = (type.prototype as Record<string, unknown>)[name];
        const job =
          typeof method === 'function'
            ? (Reflect.getMetadata(JOB_HANDLER, method) as string | undefined)
            : undefined;
        if (job) handlers.push({ queue, job });
      }
    }
  }
  return handlers;
}

/**
 * Runs while the worker is being assembled, before any processor starts consuming: a queue job
 * without a handler (or with two) stops the worker with a message naming it.
 */
@Injectable()
export class JobRegistryCheck {
  constructor(modules: ModulesContainer) {
    const problems = registryProblems(JOB_REGISTRY, discoverHandlers(modules));
    if (problems.length > 0)
      throw new Error(`Worker refuses to start:\n  - ${problems.join('\n  - ')}`);
  }
}
