/** Segments: list (id null) or one segment. */
export function SegmentsSection({ id }: { id: string | null }) {
  void id;
  return null;
}
