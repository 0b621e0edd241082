import type * as K8s from '@kubernetes/client-node';
import { KubeManifest, resourceOf } from './manifestGuardrails';

// The applier's clients of @kubernetes/client-node: a time limit on every request, and an object
// API told the REST names of the kinds a golden path applies.

/**
 * A KubeConfig whose every request has a time limit. The signal covers the whole exchange, body
 * included, not only socket inactivity: a server that trickles bytes is hung too.
 */
export function timedKubeConfig(
  k8s: typeof K8s,
  timeoutMs: number,
): K8s.KubeConfig {
  class TimedKubeConfig extends k8s.KubeConfig {
    async applySecurityAuthentication(context: K8s.RequestContext) {
      await super.applySecurityAuthentication(context);
      context.setSignal(AbortSignal.timeout(timeoutMs));
    }
  }
  return new TimedKubeConfig();
}

/** An object API that can be told the REST name of a manifest's kind. */
export type KnownKindsObjectApi = K8s.KubernetesObjectApi & {
  /** Tells the client the REST name of the manifest's kind; returns the manifest. */
  know(m: KubeManifest): KubeManifest;
};

/**
 * `KubernetesObjectApi` looks up a kind's REST name with a discovery request per API version.
 * The kinds a golden path applies are a fixed list whose names manifestGuardrails knows, so the
 * applier tells it instead: the requests are only the reads and writes of the objects.
 */
export function objectApi(
  k8s: typeof K8s,
  kc: K8s.KubeConfig,
): KnownKindsObjectApi {
  class KnownKindsApi extends k8s.KubernetesObjectApi {
    /** Tells the client the REST name of the manifest's kind; returns the manifest. */
    know(m: KubeManifest): KubeManifest {
      const list = (this.apiVersionResourceCache[m.apiVersion] ??= {
        groupVersion: m.apiVersion,
        resources: [],
      });
      if (!list.resources.some(r => r.kind === m.kind)) {
        list.resources.push({
          kind: m.kind,
          name: resourceOf(m).plural,
          namespaced: true,
          singularName: '',
          verbs: [],
        });
      }
      return m;
    }
  }
  return kc.makeApiClient(KnownKindsApi);
}
