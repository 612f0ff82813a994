import { describe, expect, it } from 'vitest';
import { flowDocumentSchema } from '../bot-flow.contract.js';
import { supportFlow, telegramShopFlow } from './ready-flows.js';

describe('ready flows', () => {
  it.each([
    ['shop', telegramShopFlow({ pipelineId: '0190a000-0000-7000-8000-000000000001', stageId: '0190a000-0000-7000-8000-000000000002' })],
    ['support', supportFlow()],
  ])('the %s flow passes the flow schema', (_, flow) => {
    const result = flowDocumentSchema.safeParse(flow);
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
