/**
 * What the scale bench reads from /proc: resident memory and CPU time of a process tree (the
 * backend and anything it spawns, e.g. a scaffolder or techdocs child), and the machine's CPU.
 * Reaped children's CPU is kept through cutime/cstime of their parent.
 */
import fs from 'node:fs';

const CLK_TCK = 100; // USER_HZ on Linux; /proc reports CPU times in these ticks.

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in ticks. */
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited between listing and reading
  }
  // The command name may contain spaces and parentheses; fields resume after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); ppid is field 4, utime..cstime are fields 14..17.
  const ticks = [11, 12, 13, 14].reduce((s, i) => s + Number(fields[i]), 0);
  return { pid, ppid: Number(fields[1]), ticks };
}

/** The pid and all its live descendants. */
export function processTree(root: number): ProcStat[] {
  const all: ProcStat[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) all.push(stat);
  }
  const children = new Map<number, ProcStat[]>();
  for (const s of all) {
    const list = children.get(s.ppid) ?? [];
    list.push(s);
    children.set(s.ppid, list);
  }
  const rootStat = all.find(s => s.pid === root);
  if (!rootStat) return [];
  const tree = [rootStat];
  for (let i = 0; i < tree.length; i++) {
    tree.push(...(children.get(tree[i].pid) ?? []));
  }
  return tree;
}

function rssKb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory of the whole tree, in MB. */
export function treeRssMb(root: number): number {
  return processTree(root).reduce((s, p) => s + rssKb(p.pid), 0) / 1024;
}

/** CPU-seconds used so far by the tree (live processes and the children they reaped). */
export function treeCpuSeconds(root: number): number {
  return processTree(root).reduce((s, p) => s + p.ticks, 0) / CLK_TCK;
}

export interface MachineCpu {
  busy: number;
  total: number;
}

/** Aggregate jiffies from /proc/stat's first line; busy excludes idle and iowait. */
export function machineCpu(): MachineCpu {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = v[3] + v[4];
  return { busy: total - idle, total };
}

export const cpuCount = () =>
  fs
    .readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .filter(l => l.startsWith('processor')).length;

/** Machine CPU between two samples, in percent of one core (so up to 100 × cores). */
export function machineCpuPercent(a: MachineCpu, b: MachineCpu): number {
  const total = b.total - a.total;
  if (total <= 0) return 0;
  return ((b.busy - a.busy) / total) * 100 * cpuCount();
}

export const loadAverage = () =>
  fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
