import { AsyncLocalStorage } from 'node:async_hooks';

/** How deep rules may set off further rules (a rule's action is an event other rules see). */
export const MAX_RULE_DEPTH = 3;

interface RuleChain {
  depth: number;
  /** The rules whose actions led here: none of them runs again in this chain. */
  ruleIds: readonly string[];
}

const chains = new AsyncLocalStorage<RuleChain>();

/** The chain of rules the current event comes from (empty for an event a person or a channel caused). */
export function currentChain(): RuleChain {
  return chains.getStore() ?? { depth: 0, ruleIds: [] };
}

/** Runs a rule's actions so that the events they cause know they come from this rule. */
export function withinRule<T>(ruleId: string, work: () => Promise<T>): Promise<T> {
  const chain = currentChain();
  return chains.run({ depth: chain.depth + 1, ruleIds: [...chain.ruleIds, ruleId] }, work);
}
