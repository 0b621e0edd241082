/**
 * A CPU profile of one window of a running backend, taken through its inspector (the backend is
 * started with `--inspect`), so the scale bench can say where the CPU-seconds of a quiet window go
 * without profiling start-up and ingestion as well.
 */
import fs from 'node:fs';
import type { HeapProfileMode } from './args';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The inspector's WebSocket address of a backend started with `--inspect=127.0.0.1:<port>`. */
async function debuggerUrl(inspectPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${inspectPort}/json/list`);
  const targets = (await res.json()) as { webSocketDebuggerUrl: string }[];
  if (!targets[0]) throw new Error(`no inspector target on ${inspectPort}`);
  return targets[0].webSocketDebuggerUrl;
}

class Inspector {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: any) => void; reject: (e: Error) => void }
  >();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', event => {
      const msg = JSON.parse(String(event.data));
      const waiter = msg.id ? this.pending.get(msg.id) : undefined;
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.error) waiter.reject(new Error(msg.error.message));
      else waiter.resolve(msg.result);
    });
  }

  static async connect(inspectPort: number): Promise<Inspector> {
    const socket = new WebSocket(await debuggerUrl(inspectPort));
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', reject, { once: true });
    });
    return new Inspector(socket);
  }

  send(method: string, params: object = {}): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close() {
    this.socket.close();
  }
}

/** Starts sampling; the returned function stops it and writes the profile to `file`. */
export async function startProfile(
  inspectPort: number,
  file: string,
): Promise<() => Promise<CpuProfile>> {
  const inspector = await Inspector.connect(inspectPort);
  await inspector.send('Profiler.enable');
  await inspector.send('Profiler.setSamplingInterval', { interval: 1000 });
  await inspector.send('Profiler.start');
  return async () => {
    const { profile } = await inspector.send('Profiler.stop');
    inspector.close();
    fs.writeFileSync(file, JSON.stringify(profile));
    return profile;
  };
}

/**
 * Self time by source file and by function, in ms, from the profile's samples: the lines to read
 * first when a quiet window costs more than stock's. Files under node_modules are grouped by
 * package.
 */
export function summarizeProfile(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  // Total (inclusive) time per file of our own code: which of our tasks starts the work.
  const parent = new Map<number, number>();
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusiveOwn = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    const file = groupOf(node.callFrame.url);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}:${
      node.callFrame.lineNumber + 1
    }`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    const seen = new Set<string>();
    for (
      let cur: number | undefined = id;
      cur !== undefined;
      cur = parent.get(cur)
    ) {
      const url = byId.get(cur)!.callFrame.url;
      if (url.includes('/plugins/') && !url.includes('node_modules')) {
        const own = url.replace(/^.*\/plugins\//, 'plugins/');
        if (!seen.has(own)) {
          seen.add(own);
          inclusiveOwn.set(own, (inclusiveOwn.get(own) ?? 0) + ms);
        }
      }
    }
  }
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const idle = [...selfMs]
    .filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)')
    .reduce((a, [, ms]) => a + ms, 0);
  const rows = (m: Map<string, number>) =>
    largest(m, top, ms => `${(ms / 1000).toFixed(2).padStart(7)} s`);
  return [
    `profile: ${(total / 1000).toFixed(1)} s sampled, ${(
      (total - idle) /
      1000
    ).toFixed(1)} s busy on the main thread`,
    'self time by file or package:',
    rows(byFile),
    'self time by function:',
    rows(byFunction),
    'inclusive time by file of our plugins:',
    rows(inclusiveOwn),
  ].join('\n');
}

/** The `top` largest entries of a tally, one line each: the figure, then what it counts. */
function largest(
  tally: Map<string, number>,
  top: number,
  figure: (value: number) => string,
): string {
  return [...tally]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `  ${figure(v)}  ${k}`)
    .join('\n');
}

function groupOf(url: string): string {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  return url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/(plugins|packages)\//, '$1/');
}

interface HeapProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapProfileNode[];
}

/**
 * Starts V8's sampling heap profiler (one sample per 128 KiB allocated on average). In `live`
 * mode the profile read later holds only the samples still alive then: which code allocated
 * what the heap keeps. `promoted` adds the samples a full collection freed: garbage that
 * outlived the young generation, which is what grows the old space until the next full
 * collection. `all` holds every sample, the young generation's garbage included.
 */
export async function startHeapProfile(
  inspectPort: number,
  file: string,
  mode: HeapProfileMode,
): Promise<() => Promise<HeapProfileNode>> {
  const inspector = await Inspector.connect(inspectPort);
  await inspector.send('HeapProfiler.enable');
  await inspector.send('HeapProfiler.startSampling', {
    samplingInterval: 128 * 1024,
    includeObjectsCollectedByMajorGC: mode !== 'live',
    includeObjectsCollectedByMinorGC: mode === 'all',
  });
  return async () => {
    const { profile } = await inspector.send('HeapProfiler.stopSampling');
    inspector.close();
    fs.writeFileSync(file, JSON.stringify(profile));
    return profile.head;
  };
}

/** Sampled bytes by allocating file or package, by function, and inclusive by our plugins' files. */
export function summarizeHeapProfile(head: HeapProfileNode, top = 25): string {
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusiveOwn = new Map<string, number>();
  let total = 0;
  const add = (m: Map<string, number>, k: string, n: number) =>
    m.set(k, (m.get(k) ?? 0) + n);
  // Iterative walk: a deep allocation stack must not overflow the bench's own stack.
  const stack: { node: HeapProfileNode; own: string[] }[] = [
    { node: head, own: [] },
  ];
  while (stack.length) {
    const { node, own: above } = stack.pop()!;
    const url = node.callFrame.url;
    const own =
      url.includes('/plugins/') && !url.includes('node_modules')
        ? [...new Set([...above, url.replace(/^.*\/plugins\//, 'plugins/')])]
        : above;
    if (node.selfSize) {
      total += node.selfSize;
      const file = groupOf(url);
      add(byFile, file, node.selfSize);
      add(
        byFunction,
        `${node.callFrame.functionName || '(anonymous)'} ${file}:${
          node.callFrame.lineNumber + 1
        }`,
        node.selfSize,
      );
      for (const o of own) add(inclusiveOwn, o, node.selfSize);
    }
    for (const c of node.children) stack.push({ node: c, own });
  }
  const rows = (m: Map<string, number>) =>
    largest(m, top, b => `${(b / 1e6).toFixed(1).padStart(8)} MB`);
  return [
    `heap profile: ${(total / 1e6).toFixed(1)} MB sampled`,
    'by allocating file or package:',
    rows(byFile),
    'by allocating function:',
    rows(byFunction),
    'inclusive by file of our plugins:',
    rows(inclusiveOwn),
  ].join('\n');
}
