import type { Pipeline, PipelineStage } from '@app/db';

export type StageKind = PipelineStage['kind'];

export interface PipelineWithStages extends Pipeline {
  /** Ordered by position: the order deals move through. */
  stages: PipelineStage[];
}

export interface NewStage {
  name: string;
  kind?: StageKind;
  probability?: number;
}

export interface PipelineInput {
  name: string;
  isDefault?: boolean;
  stages: NewStage[];
}

export interface PipelineChanges {
  name?: string;
  isDefault?: boolean;
  stages?: Array<NewStage & { id?: string }>;
}
