import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@app/config';
import { DemoWorkspace } from './demo/demo-workspace.js';

/** Initialises the application, fills an empty workspace with the demo when asked to, then listens. */
export async function serve(app: NestExpressApplication, config: AppConfig): Promise<void> {
  // Initialised before the demo is seeded: the listeners (routing, reports, SLA, ratings, bots) subscribe to the
  // inbox's events when the modules initialise, and the demo's conversations must reach them like any others.
  await app.init();
  if (config.SEED_DEMO) await app.get(DemoWorkspace).seedIfEmpty(config.DEFAULT_LOCALE);
  await app.listen(config.PORT, config.HOST);
}
