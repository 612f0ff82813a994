import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JobName, type JobHandler, type JobQueue } from './job-queue.js';
import { ON_JOB_METADATA, type OnJobMetadata } from './on-job.decorator.js';
import { JOB_QUEUE, REQUIRED_JOBS } from './queue.tokens.js';

export interface DiscoveredJobHandler {
  name: JobName;
  /** `Class.method`, for error messages. */
  source: string;
  handler: JobHandler<unknown>;
  concurrency?: number;
}

/** Registers every @OnJob method with the queue and starts consuming; refuses to start unless each job has exactly one handler. */
@Injectable()
export class JobHandlerExplorer implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(REQUIRED_JOBS) private readonly required: JobName[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discover();
    assertOneHandlerPerJob(handlers, this.required);
    for (const { name, handler, concurrency } of handlers) this.queue.process(name, handler, { concurrency });
    await this.queue.start();
  }

  discover(): DiscoveredJobHandler[] {
    const found: DiscoveredJobHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const meta = this.reflector.get<OnJobMetadata | undefined>(ON_JOB_METADATA, prototype[method] as () => unknown);
        if (!meta) continue;
        const source = `${instance.constructor.name}.${method}`;
        if (!wrapper.isDependencyTreeStatic()) throw new Error(`${source} handles job "${meta.name}", but job handlers must be singleton providers (not request- or transient-scoped)`);
        const bound = (instance as Record<string, (data: unknown, ctx: unknown) => Promise<void>>)[method].bind(instance);
        found.push({ name: meta.name, source, handler: bound, concurrency: meta.concurrency });
      }
    }
    return found;
  }
}

export function assertOneHandlerPerJob(handlers: Pick<DiscoveredJobHandler, 'name' | 'source'>[], required: JobName[] = Object.values(JobName)): void {
  const problems: string[] = [];
  for (const [key, name] of Object.entries(JobName)) {
    if (!required.includes(name)) continue;
    const sources = handlers.filter((handler) => handler.name === name).map((handler) => handler.source);
    if (sources.length === 0) problems.push(`job "${name}" has no handler: decorate one provider method with @OnJob(JobName.${key})`);
    if (sources.length > 1) problems.push(`job "${name}" has ${sources.length} handlers (${sources.join(', ')}): keep exactly one @OnJob(JobName.${key})`);
  }
  if (problems.length > 0) throw new Error(`Job processors cannot start: ${problems.join('; ')}`);
}
