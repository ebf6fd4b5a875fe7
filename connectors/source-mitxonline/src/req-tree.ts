/** A node of a MITx Online program's requirement tree (`req_tree`). */
export interface ReqTreeNode {
  id?: number;
  data?: {
    node_type?: string;
    course?: number | null;
    required_program?: number | null;
    program?: number | null;
    title?: string | null;
  };
  children?: ReqTreeNode[];
}

export type ReqTreeRef = { kind: 'course'; id: number } | { kind: 'program'; id: number };

/**
 * The course and required-program references of a requirement tree, in depth-first order (the order
 * MIT Learn uses for a program's course positions).
 */
export function reqTreeRefs(tree: unknown): ReqTreeRef[] {
  const out: ReqTreeRef[] = [];
  const visit = (node: ReqTreeNode) => {
    const d = node.data ?? {};
    if (d.node_type === 'course' && typeof d.course === 'number') out.push({ kind: 'course', id: d.course });
    if (d.node_type === 'program' && typeof d.required_program === 'number')
      out.push({ kind: 'program', id: d.required_program });
    for (const c of node.children ?? []) visit(c);
  };
  if (Array.isArray(tree)) for (const n of tree) if (n && typeof n === 'object') visit(n as ReqTreeNode);
  return out;
}
