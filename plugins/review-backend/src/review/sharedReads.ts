import { Peers } from './doraReads';

/**
 * A peer reader for one month-end run over every scope. The organisation-wide reads every
 * scope's review makes (the SLO list and month, SLO details, gate decisions, conformance,
 * scorecard levels) are made once and shared by all scopes of the run, instead of once per
 * scope: at 10,000 services and 150 scopes that is the difference between reading the
 * scorecard's whole catalog 150 times and once. DORA reads are per scope and pass through. A
 * read that fails is not kept, so the next scope asks again.
 */
export function sharedReads(peers: Peers): Peers {
  const kept = new Map<string, Promise<unknown>>();
  const keep = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let answer = kept.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = read().catch(error => {
        kept.delete(key);
        throw error;
      });
      kept.set(key, answer);
    }
    return answer;
  };
  return {
    get: <T>(
      pluginId: string,
      path: string,
      query: Record<string, string | number | undefined> = {},
    ) =>
      pluginId === 'dora'
        ? peers.get<T>(pluginId, path, query)
        : keep(JSON.stringify(['get', pluginId, path, query]), () =>
            peers.get<T>(pluginId, path, query),
          ),
    getJson: <T>(
      pluginId: string,
      path: string,
      query: Record<string, string | number | undefined> = {},
      options: { allowMissing?: boolean } = {},
    ) =>
      pluginId === 'dora'
        ? peers.getJson<T>(pluginId, path, query, options)
        : keep(
            JSON.stringify(['getJson', pluginId, path, query, options]),
            () => peers.getJson<T>(pluginId, path, query, options),
          ),
  };
}
