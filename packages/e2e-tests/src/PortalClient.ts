export interface EntitySummary {
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string };
  spec?: Record<string, unknown>;
  relations?: { type: string; targetRef: string }[];
  status?: { items?: { level: string; message: string }[] };
}

/** A thin HTTP client for the portal's backend, as an API consumer would use it. */
export class PortalClient {
  constructor(readonly baseUrl: string, private token?: string) {}

  withToken(token: string) {
    return new PortalClient(this.baseUrl, token);
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set('authorization', `Bearer ${this.token}`);
    return fetch(`${this.baseUrl}${path}`, { ...init, headers });
  }

  /** Signs in with the guest provider (development config only). */
  async signInAsGuest(): Promise<PortalClient> {
    const res = await this.request('/api/auth/guest/refresh', {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (!res.ok) {
      throw new Error(
        `guest sign-in failed: ${res.status} ${await res.text()}`,
      );
    }
    const body = await res.json();
    return this.withToken(body.backstageIdentity.token);
  }

  async entities(): Promise<EntitySummary[]> {
    const res = await this.request('/api/catalog/entities');
    if (!res.ok) {
      throw new Error(`GET entities: ${res.status} ${await res.text()}`);
    }
    return res.json();
  }

  /**
   * Reads `GET /api/dora/metrics?<query>` until it reports nothing queued and returns that
   * answer: DORA ingest answers before it re-derives, and the backend re-derives in the
   * background, so figures of events just stored need this wait.
   */
  async doraMetricsDerived(
    query: Record<string, string> = {},
    timeoutMs = 60_000,
  ): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    const path = `/api/dora/metrics?${new URLSearchParams(query)}`;
    for (;;) {
      const res = await this.request(path);
      if (!res.ok) {
        throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      }
      const body = await res.json();
      if (body.queued === 0) return body;
      if (Date.now() > deadline) {
        throw new Error(`GET ${path}: still ${body.queued} entities queued`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }

  /** Waits until the catalog has processed every expected `kind:name`. */
  async waitForEntities(
    expected: string[],
    timeoutMs = 60_000,
  ): Promise<EntitySummary[]> {
    const deadline = Date.now() + timeoutMs;
    let missing = expected;
    for (;;) {
      const entities = await this.entities();
      const present = new Set(
        entities.map(e => `${e.kind}:${e.metadata.name}`.toLocaleLowerCase()),
      );
      missing = expected.filter(ref => !present.has(ref.toLocaleLowerCase()));
      if (missing.length === 0) return entities;
      if (Date.now() > deadline) {
        throw new Error(`catalog still lacks ${missing.join(', ')}`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }
}
