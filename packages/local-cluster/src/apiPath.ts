/**
 * `/api/<v>/<rest...>` (the core group) and `/apis/<g>/<v>/<rest...>`, taken
 * apart as the apiserver's RequestInfoFactory does; undefined for any other
 * path (discovery, health, OpenAPI), which is no resource request.
 */
export function splitApiPath(
  segs: string[],
): { group: string; version: string; rest: string[] } | undefined {
  if (segs[0] === 'api' && segs.length > 2)
    return { group: '', version: segs[1], rest: segs.slice(2) };
  if (segs[0] === 'apis' && segs.length > 3)
    return { group: segs[1], version: segs[2], rest: segs.slice(3) };
  return undefined;
}
