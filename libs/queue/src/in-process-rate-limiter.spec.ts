import { describe } from 'vitest';
import { InProcessRateLimiter } from './in-process-rate-limiter.js';
import { rateLimiterContract } from './rate-limiter.contract.js';

describe('InProcessRateLimiter', () => {
  rateLimiterContract(({ now }) => new InProcessRateLimiter(now));
});
