import { describe, expect, it } from 'vitest';
import { DEFAULT_TICKET_FILTERS, ticketFiltersToQuery } from './ticket-filters.js';

describe('ticketFiltersToQuery', () => {
  it('sends nothing for the default filters', () => {
    expect(ticketFiltersToQuery(DEFAULT_TICKET_FILTERS)).toEqual({});
  });

  it('sends only the filters set, with the search trimmed and overdue as true', () => {
    expect(ticketFiltersToQuery({ type: 'complaint', status: 'open', overdue: true, assigneeId: 'me', inboxId: '', q: '  #1042 ' })).toEqual({
      type: 'complaint',
      status: 'open',
      overdue: 'true',
      assigneeId: 'me',
      q: '#1042',
    });
  });
});
