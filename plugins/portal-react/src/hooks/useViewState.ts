import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A page's view (filters, sort, window) kept in the query string, so every
 * view can be shared as a link. `parse` falls back to defaults for what a
 * link lacks or garbles; `serialize` leaves defaults out to keep URLs short.
 * With `replace`, a change replaces the history entry instead of adding one
 * (filter fiddling then does not fill the back button).
 */
export function useViewState<S>(
  parse: (params: URLSearchParams) => S,
  serialize: (state: S) => URLSearchParams,
  options: { replace?: boolean } = {},
): [S, (next: S) => void] {
  const { replace } = options;
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parse(searchParams), [parse, searchParams]);
  const setView = useCallback(
    (next: S) =>
      setSearchParams(serialize(next), replace ? { replace } : undefined),
    [serialize, setSearchParams, replace],
  );
  return [view, setView];
}
