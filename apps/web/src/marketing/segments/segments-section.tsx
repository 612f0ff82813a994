import { useApp } from '../../app-context.js';
import { SegmentEditor } from './segment-editor.js';
import { SegmentList } from './segment-list.js';

/** Segments: the list (id null), a new one (id "new"), or one segment in the editor. */
export function SegmentsSection({ id }: { id: string | null }) {
  const { navigate } = useApp();
  const show = (next: string | null) => navigate({ page: 'marketing', section: 'segments', id: next });
  if (id === null) return <SegmentList onOpen={show} />;
  return <SegmentEditor key={id} id={id === 'new' ? null : id} onClose={() => show(null)} onSaved={(segment) => show(segment.id)} />;
}
