/** Synthetic container logs so `kubectl logs` and the portal's log viewer have something to show. */
import { KubeObject } from '../store/types';
import { errors } from '../server/errors';
import { isCrashLoopImage } from './util';

/** A non-negative integer query parameter, or a 400 naming it (as the real server does). */
function intParam(query: URLSearchParams | undefined, name: string) {
  const raw = query?.get(name);
  if (raw === null || raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw errors.badRequest(
      `${name}: Invalid value: ${raw}: must be a non-negative integer`,
    );
  return n;
}

export function podLogs(
  pod: KubeObject,
  container: string | undefined,
  query?: URLSearchParams,
): string {
  const containers: any[] = pod.spec?.containers ?? [];
  const c = container
    ? containers.find(x => x.name === container)
    : containers[0];
  if (!c) {
    throw errors.badRequest(
      `container ${container} is not valid for pod ${pod.metadata.name}`,
    );
  }
  if (!container && containers.length > 1) {
    throw errors.badRequest(
      `a container name must be specified for pod ${
        pod.metadata.name
      }, choose one of: [${containers.map(x => x.name).join(' ')}]`,
    );
  }
  const cs = (pod.status?.containerStatuses ?? []).find(
    (s: any) => s.name === c.name,
  );
  if (!cs || cs.state?.waiting?.reason === 'ContainerCreating') {
    throw errors.badRequest(
      `container "${c.name}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`,
    );
  }
  const start =
    Date.parse(
      cs.state?.running?.startedAt ??
        cs.lastState?.terminated?.startedAt ??
        pod.metadata.creationTimestamp ??
        '',
    ) || Date.now();
  const times: number[] = [];
  const line = (offsetMs: number, level: string, msg: string) => {
    times.push(start + offsetMs);
    return `${new Date(start + offsetMs).toISOString()} ${level} ${msg}`;
  };
  const previous = query?.get('previous') === 'true';
  if (previous && !(cs.restartCount > 0)) {
    throw errors.badRequest(
      `previous terminated container "${c.name}" in pod "${pod.metadata.name}" not found`,
    );
  }
  const lines = [
    line(0, 'INFO', `starting ${c.name} (image ${c.image})`),
    line(120, 'INFO', 'loaded configuration from environment'),
  ];
  if (isCrashLoopImage(c.image)) {
    lines.push(
      line(
        400,
        'ERROR',
        'failed to connect to message broker amqp://rabbitmq:5672: connection refused',
      ),
      line(410, 'FATAL', 'startup checks failed, exiting with code 1'),
    );
  } else {
    const port = c.ports?.[0]?.containerPort ?? 8080;
    lines.push(line(300, 'INFO', `listening on :${port}`));
    const elapsed = Date.now() - start;
    // One health check every 10 s; only the latest ones, so --tail shows what is recent.
    const first = Math.max(
      10000,
      Math.ceil((elapsed - 470000) / 10000) * 10000,
    );
    for (let t = first; t < elapsed; t += 10000) {
      lines.push(line(t, 'INFO', 'GET /healthz 200 1ms'));
    }
  }
  return selectLines(lines, times, query);
}

/** tailLines, sinceSeconds, timestamps and limitBytes, applied as the kubelet applies them. */
function selectLines(
  lines: string[],
  times: number[],
  query: URLSearchParams | undefined,
): string {
  const tail = intParam(query, 'tailLines');
  const since = intParam(query, 'sinceSeconds');
  const limitBytes = intParam(query, 'limitBytes');
  let picked = lines.map((text, i) => ({ text, at: times[i] }));
  if (since !== undefined)
    picked = picked.filter(l => l.at >= Date.now() - since * 1000);
  if (tail !== undefined) picked = tail ? picked.slice(-tail) : [];
  const withTimes = query?.get('timestamps') === 'true';
  let out = picked
    .map(l => {
      const ts = new Date(l.at)
        .toISOString()
        .replace(/\.(\d{3})Z$/, '.$1000000Z');
      return `${withTimes ? `${ts} ` : ''}${l.text}\n`;
    })
    .join('');
  if (limitBytes !== undefined)
    out = Buffer.from(out).subarray(0, limitBytes).toString('utf8');
  return out;
}
