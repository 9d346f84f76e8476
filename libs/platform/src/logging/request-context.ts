import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  /** Staff id of the caller once authenticated; used by logs, never their e-mail. */
  actorId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with a request context that logs and audit records can read without threading it through. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
