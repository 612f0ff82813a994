import { describe, expect, it } from 'vitest';
import { DomainException, ErrorCode } from '@app/common';
import { actionsFor, assertCanApply, canApply } from './campaign-transitions.js';

describe('campaign transitions', () => {
  it('offers launch only to a draft, and pause and cancel to a running campaign', () => {
    expect(actionsFor('draft')).toEqual(['launch']);
    expect(actionsFor('running')).toEqual(['pause', 'cancel']);
    expect(actionsFor('paused')).toEqual(['resume', 'cancel']);
    expect(actionsFor('completed')).toEqual([]);
    expect(actionsFor('cancelled')).toEqual([]);
  });

  it('lets a launched campaign change only its name and cost', () => {
    expect(canApply('edit', 'running', ['name', 'cost'])).toBe(true);
    expect(canApply('edit', 'running', ['segmentId'])).toBe(false);
    expect(canApply('edit', 'draft', ['segmentId', 'templateId'])).toBe(true);
  });

  it('refuses to delete a campaign that may still send', () => {
    expect(canApply('delete', 'running')).toBe(false);
    expect(canApply('delete', 'paused')).toBe(false);
    expect(canApply('delete', 'completed')).toBe(true);
  });

  it('throws a conflict naming the status and the action when the transition is impossible', () => {
    let caught: unknown;
    try {
      assertCanApply('resume', 'completed');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainException);
    expect((caught as DomainException).code).toBe(ErrorCode.CampaignTransitionInvalid);
    expect((caught as DomainException).options.details).toEqual({ status: 'completed', action: 'resume' });
  });
});
