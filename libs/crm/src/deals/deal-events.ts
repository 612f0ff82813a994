import { Injectable, Logger } from '@nestjs/common';
import type { DealDetails } from './deal.types.js';

export interface DealStageChanged {
  deal: DealDetails;
  previousStageId: string;
}

type StageListener = (event: DealStageChanged) => void | Promise<void>;

/** Tells other modules (automation rules) that a deal moved, after the change has committed; a failing listener undoes nothing. */
@Injectable()
export class DealEvents {
  private readonly logger = new Logger('DealEvents');
  private readonly stageListeners: StageListener[] = [];

  onStageChanged(listener: StageListener): void {
    this.stageListeners.push(listener);
  }

  async stageChanged(event: DealStageChanged): Promise<void> {
    for (const listener of this.stageListeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error(`A deal.stage_changed listener failed: ${(error as Error).message}`, (error as Error).stack);
      }
    }
  }
}
