/**
 * The endpoints and endpointslice controllers: every Service with a selector
 * gets an Endpoints object of the same name and one EndpointSlice listing the
 * selected pods' IPs, ready or not, so `kubectl get endpoints`, `kubectl
 * describe service` and the portal see where traffic would go.
 */
import { ClusterApi } from '../server/api';
import { ApiError } from '../server/errors';
import { matchesLabels, parseLabelSelector } from '../selectors/labelSelector';
import { KubeObject } from '../store/types';
import { T, isPodActive, isPodReady, ownerRef, templateHash } from './util';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';

function selectorOf(svc: KubeObject) {
  const sel = svc.spec?.selector;
  if (!sel || typeof sel !== 'object' || !Object.keys(sel).length)
    return undefined;
  return parseLabelSelector(
    Object.entries(sel)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  );
}

/** A Service port's target on one pod: a number, or a named container port. */
function targetPort(port: any, pod: KubeObject): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  for (const c of pod.spec?.containers ?? []) {
    const named = (c.ports ?? []).find((p: any) => p.name === target);
    if (named) return named.containerPort;
  }
  return /^\d+$/.test(String(target)) ? Number(target) : undefined;
}

export class EndpointsController {
  constructor(private readonly api: ClusterApi) {}

  syncService(svc: KubeObject) {
    const ns = svc.metadata.namespace!;
    const selector = selectorOf(svc);
    // Services without a selector have hand-managed endpoints; leave them alone.
    if (!selector || svc.spec?.type === 'ExternalName') return;
    const pods = this.api.store
      .list(T.pods, ns)
      .filter(
        p =>
          p.status?.podIP &&
          isPodActive(p) &&
          matchesLabels(selector, p.metadata.labels),
      )
      // Ordered by IP string, byte by byte, as the real controller orders addresses.
      .sort(
        (a, b) =>
          Number(a.status.podIP > b.status.podIP) -
          Number(a.status.podIP < b.status.podIP),
      );
    const svcPorts: any[] = svc.spec?.ports ?? [];
    const portsFor = (pod: KubeObject) =>
      svcPorts
        .map(p => ({
          ...(p.name ? { name: p.name } : {}),
          port: targetPort(p, pod),
          protocol: p.protocol ?? 'TCP',
        }))
        .filter(p => p.port !== undefined);
    const ports = pods.length ? portsFor(pods[0]) : [];
    const address = (p: KubeObject) => ({
      ip: p.status.podIP,
      nodeName: p.spec?.nodeName,
      targetRef: {
        kind: 'Pod',
        namespace: ns,
        name: p.metadata.name,
        uid: p.metadata.uid,
      },
    });
    const ready = pods.filter(isPodReady);
    const notReady = pods.filter(p => !isPodReady(p));
    const subset: Record<string, unknown> = { ports };
    if (ready.length) subset.addresses = ready.map(address);
    if (notReady.length) subset.notReadyAddresses = notReady.map(address);
    this.write(T.endpoints, ns, svc.metadata.name!, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: svc.metadata.name,
        namespace: ns,
        ...(svc.metadata.labels ? { labels: { ...svc.metadata.labels } } : {}),
      },
      ...(pods.length ? { subsets: [subset] } : {}),
    });
    const sliceName = `${svc.metadata.name}-${templateHash(
      svc.metadata.uid,
    ).slice(0, 5)}`;
    this.write(T.endpointSlices, ns, sliceName, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: sliceName,
        namespace: ns,
        labels: {
          ...svc.metadata.labels,
          [SERVICE_NAME_LABEL]: svc.metadata.name!,
          [MANAGED_BY]: 'endpointslice-controller.k8s.io',
        },
        ownerReferences: [ownerRef(T.services, svc)],
      },
      addressType: 'IPv4',
      endpoints: pods.map(p => ({
        addresses: [p.status.podIP],
        conditions: {
          ready: isPodReady(p),
          serving: isPodReady(p),
          terminating: false,
        },
        nodeName: p.spec?.nodeName,
        targetRef: address(p).targetRef,
      })),
      // A slice port's name is a pointer that kubectl dereferences: always set, "" when unnamed.
      ports: ports.map(p => ({ name: '', ...p })),
    });
  }

  /** The Endpoints of a deleted Service go with it (its slices cascade by owner). */
  forgetService(svc: KubeObject) {
    try {
      this.api.delete(T.endpoints, svc.metadata.namespace, svc.metadata.name!);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }

  private write(
    rt: typeof T.endpoints,
    ns: string,
    name: string,
    desired: KubeObject,
  ) {
    const existing = this.api.store.get(rt, ns, name);
    if (!existing) {
      this.api.create(rt, ns, desired);
      return;
    }
    // The store ignores writes that change nothing, so this is cheap when steady.
    this.api.replace(rt, ns, name, {
      ...desired,
      metadata: { ...existing.metadata, ...desired.metadata },
    });
  }
}
