/**
 * Writes core/v1 Events the way client-go's recorder does: repeats of the
 * same reason and message on the same object bump `count` and
 * `lastTimestamp` on one Event instead of creating new ones.
 */
import { randomBytes } from 'node:crypto';
import { ClusterApi } from '../server/api';
import { KubeObject } from '../store/types';
import { NODE_NAME, T, now } from './util';

export class EventRecorder {
  private readonly names = new Map<string, string>();

  constructor(private readonly api: ClusterApi) {}

  record(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    fieldPath?: string,
  ) {
    const namespace = obj.metadata.namespace ?? 'default';
    const key = `${obj.metadata.uid}|${reason}|${message}|${fieldPath ?? ''}`;
    const existingName = this.names.get(key);
    const ts = now();
    try {
      if (existingName) {
        const existing = this.api.store.get(T.events, namespace, existingName);
        if (existing) {
          existing.count = (existing.count ?? 1) + 1;
          existing.lastTimestamp = ts;
          this.api.replace(T.events, namespace, existingName, existing);
          return;
        }
      }
      const name = `${obj.metadata.name}.${randomBytes(8).toString('hex')}`;
      this.api.create(T.events, namespace, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata.name,
          namespace: obj.metadata.namespace,
          uid: obj.metadata.uid,
          resourceVersion: obj.metadata.resourceVersion,
          ...(fieldPath ? { fieldPath } : {}),
        },
        reason,
        message,
        type,
        source: {
          component,
          ...(component === 'kubelet' ? { host: NODE_NAME } : {}),
        },
        firstTimestamp: ts,
        lastTimestamp: ts,
        count: 1,
        eventTime: null,
        reportingComponent: component,
        reportingInstance: component === 'kubelet' ? NODE_NAME : '',
      });
      this.names.set(key, name);
    } catch {
      // Events are best effort, exactly as in a real cluster (e.g. namespace being deleted).
    }
  }
}
