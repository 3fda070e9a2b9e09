import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULES = path.resolve(import.meta.dirname, '../../server/modules');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? files(path.join(dir, name)) : [path.join(dir, name)]));

/** Which module folders each module folder imports values from (type-only imports carry no dependency at run time). */
function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files(MODULES).filter((f) => f.endsWith('.ts'))) {
    const from = path.relative(MODULES, file).split(path.sep)[0];
    const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
    for (const [, typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(/^import (type )?[^;]*? from '(\.[^']+)';/gms)) {
      if (typeOnly) continue;
      const target = path.relative(MODULES, path.resolve(path.dirname(file), specifier)).split(path.sep);
      if (target[0] !== '..' && target[0] !== from) edges.add(target[0]);
    }
  }
  return graph;
}

/** A cycle through the graph, if there is one. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...trail.slice(trail.indexOf(node)), node];
    state.set(node, 'open');
    trail.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('module folders', () => {
  it('depend on each other one way: no cycle between server/modules/* folders', () => {
    expect(findCycle(moduleGraph())).toBeNull();
  });

  it('the check sees a cycle when there is one', () => {
    const graph = new Map([
      ['cases', new Set(['expertise'])],
      ['expertise', new Set(['norms', 'cases'])],
      ['norms', new Set<string>()],
    ]);
    expect(findCycle(graph)).toEqual(['cases', 'expertise', 'cases']);
  });
});
