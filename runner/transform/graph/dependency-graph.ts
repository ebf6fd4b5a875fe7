import { LearnflowError } from '../../common/errors';

/** A cycle in the DAG; the message spells the path, e.g. `a -> b -> c -> a`. */
export class CycleError extends LearnflowError {}

/** Parent and child maps of a set of node ids, with a deterministic topological order. */
export class DependencyGraph {
  readonly parents = new Map<string, string[]>();
  readonly children = new Map<string, string[]>();

  constructor(parentMap: Record<string, string[]>) {
    for (const id of Object.keys(parentMap)) {
      this.parents.set(id, []);
      this.children.set(id, []);
    }
    for (const [id, ps] of Object.entries(parentMap)) {
      for (const p of ps) {
        if (!this.parents.has(p)) continue;
        this.parents.get(id)!.push(p);
        this.children.get(p)!.push(id);
      }
    }
  }

  get ids(): string[] {
    return [...this.parents.keys()];
  }

  /** Kahn's algorithm, ties broken by id (a binary heap keeps it O(n log n)); throws CycleError naming the cycle. */
  topologicalOrder(): string[] {
    const indegree = new Map<string, number>();
    const heap = new MinHeap();
    for (const [id, ps] of this.parents) {
      indegree.set(id, ps.length);
      if (ps.length === 0) heap.push(id);
    }
    const order: string[] = [];
    while (heap.size) {
      const id = heap.pop();
      order.push(id);
      for (const c of this.children.get(id)!) {
        const d = indegree.get(c)! - 1;
        indegree.set(c, d);
        if (d === 0) heap.push(c);
      }
    }
    if (order.length !== this.parents.size)
      throw new CycleError(`dependency cycle: ${this.findCycle().join(' -> ')}`);
    return order;
  }

  /** One cycle as a closed path of ids. */
  findCycle(): string[] {
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (id: string): string[] | undefined => {
      state.set(id, 1);
      stack.push(id);
      for (const p of this.parents.get(id) ?? []) {
        if (state.get(p) === 1) return [...stack.slice(stack.indexOf(p)), p].reverse();
        if (!state.has(p)) {
          const found = visit(p);
          if (found) return found;
        }
      }
      stack.pop();
      state.set(id, 2);
      return undefined;
    };
    for (const id of [...this.parents.keys()].sort()) {
      if (state.has(id)) continue;
      const found = visit(id);
      if (found) return found;
    }
    return [];
  }

  ancestors(id: string, depth = Infinity): Set<string> {
    return this.walk(id, this.parents, depth);
  }

  descendants(id: string, depth = Infinity): Set<string> {
    return this.walk(id, this.children, depth);
  }

  private walk(start: string, edges: Map<string, string[]>, depth: number): Set<string> {
    const seen = new Set<string>();
    let frontier = [start];
    for (let d = 0; d < depth && frontier.length; d++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const n of edges.get(id) ?? []) {
          if (!seen.has(n)) {
            seen.add(n);
            next.push(n);
          }
        }
      }
      frontier = next;
    }
    seen.delete(start);
    return seen;
  }
}

/** A min-heap of strings. */
class MinHeap {
  private readonly items: string[] = [];

  get size(): number {
    return this.items.length;
  }

  push(v: string): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      const t = a[p];
      a[p] = a[i];
      a[i] = t;
      i = p;
    }
  }

  pop(): string {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        const t = a[m];
        a[m] = a[i];
        a[i] = t;
        i = m;
      }
    }
    return top;
  }
}
