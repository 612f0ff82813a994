/**
 * Remembers which live event ids were seen: a catch-up after a reconnect resends a few ids, and
 * each must be applied once. lastEventId is what the next connection asks to catch up from.
 */
export class EventLog {
  private readonly seen = new Set<number>();
  private readonly order: number[] = [];
  lastEventId: number;

  constructor(lastEventId = 0, private readonly capacity = 2000) {
    this.lastEventId = lastEventId;
  }

  /** True when the event is new and should be applied; momentary events (id 0) always are. */
  accept(id: number): boolean {
    if (!id) return true;
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    this.order.push(id);
    if (this.order.length > this.capacity) this.seen.delete(this.order.shift()!);
    if (id > this.lastEventId) this.lastEventId = id;
    return true;
  }
}
