import { Global, Module } from '@nestjs/common';
import { AgentsGateway } from './agents.gateway.js';
import { RealtimeEventsRepository } from './realtime-events.repository.js';
import { RealtimeService } from './realtime.service.js';

@Global()
@Module({
  providers: [RealtimeEventsRepository, RealtimeService, AgentsGateway],
  exports: [RealtimeService],
})
export class RealtimeModule {}
