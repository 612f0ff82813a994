import { useEffect, useMemo, useState } from 'react';
import { applyNodeChanges, Background, Controls, ReactFlow, type Edge, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useApp } from '../app-context.js';
import { toGraph } from './graph-layout.js';
import type { FlowDocument } from './types.js';

interface Props {
  doc: FlowDocument;
  /** The text in the editor does not parse: the graph shows the last version that did. */
  stale: boolean;
  selectedId: string | null;
  readOnly: boolean;
  onSelect(nodeId: string): void;
  onMove(nodeId: string, position: { x: number; y: number }): void;
}

/** The flow's nodes and edges; dragging a node writes its position into the draft. */
export function FlowGraph({ doc, stale, selectedId, readOnly, onSelect, onMove }: Props) {
  const { t, locale } = useApp();
  const graph = useMemo(() => toGraph(doc, locale, selectedId), [doc, locale, selectedId]);
  const [nodes, setNodes] = useState<Node[]>(graph.nodes);
  useEffect(() => setNodes(graph.nodes), [graph.nodes]);
  const edges: Edge[] = graph.edges;

  return (
    <div className="bots-graph" aria-label={t('ui.bots.graph')} role="figure">
      {stale ? <p className="notice notice--warn bots-graph__stale">{t('ui.bots.graph_stale')}</p> : null}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={(changes: NodeChange[]) => setNodes((list) => applyNodeChanges(changes, list))}
        onNodeClick={(_, node) => onSelect(node.id)}
        onNodeDragStop={(_, node) => onMove(node.id, node.position)}
        nodesDraggable={!readOnly && !stale}
        nodesConnectable={false}
        edgesFocusable={false}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
        minZoom={0.2}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
