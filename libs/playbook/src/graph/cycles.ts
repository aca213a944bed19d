import type { NodeId } from '../dsl/types';

/**
 * Strongly connected components that contain a cycle (two or more nodes, or one node with an edge
 * to itself), found with Tarjan's algorithm written iteratively so a 500-node chain cannot
 * overflow the stack. Components and their members follow the order of `nodes`.
 */
export function cyclicComponents(nodes: readonly NodeId[], successors: ReadonlyMap<NodeId, readonly NodeId[]>): NodeId[][] {
  const index = new Map<NodeId, number>();
  const lowLink = new Map<NodeId, number>();
  const onStack = new Set<NodeId>();
  const stack: NodeId[] = [];
  const components: NodeId[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: NodeId; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    lowLink.set(root, counter);
    counter += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = successors.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next]!;
        frame.next += 1;
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) !== index.get(frame.node)) continue;
      const component: NodeId[] = [];
      let member: NodeId;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = (successors.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  }
  const order = new Map(nodes.map((node, position) => [node, position]));
  for (const component of components) component.sort((a, b) => order.get(a)! - order.get(b)!);
  return components.sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}
