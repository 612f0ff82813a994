import { Injectable } from '@nestjs/common';
import { JobName, OnJob } from '@app/queue';
import { AssignmentService } from './assignment.service.js';

export interface RoutingOfferTimeoutJobData {
  conversationId: string;
}

/** Strict order: when the offered agent's time is up, the conversation passes on (nothing happens if they answered). */
@Injectable()
export class OfferTimeoutJob {
  constructor(private readonly assignment: AssignmentService) {}

  @OnJob(JobName.RoutingOfferTimeout)
  async handle({ conversationId }: RoutingOfferTimeoutJobData): Promise<void> {
    await this.assignment.expireOffer(conversationId);
  }
}
