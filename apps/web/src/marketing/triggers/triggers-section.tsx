/** Triggered messages: list (id null) or one trigger. */
export function TriggersSection({ id }: { id: string | null }) {
  void id;
  return null;
}
