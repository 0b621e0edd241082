/** Synthetic container logs so `kubectl logs` and the portal's log viewer have something to show. */
import { KubeObject } from '../store/types';
import { errors } from '../server/errors';
import { isCrashLoopImage } from './util';

export function podLogs(
  pod: KubeObject,
  container: string | undefined,
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
  const line = (offsetMs: number, level: string, msg: string) =>
    `${new Date(start + offsetMs).toISOString()} ${level} ${msg}`;
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
    for (let t = 10000; t < elapsed && lines.length < 50; t += 10000) {
      lines.push(line(t, 'INFO', 'GET /healthz 200 1ms'));
    }
  }
  return `${lines.join('\n')}\n`;
}
