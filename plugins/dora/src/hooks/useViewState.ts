import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  DoraViewState,
  parseViewState,
  serializeViewState,
} from '../lib/viewState';

/** The view lives in the query string, so every view can be shared as a link. */
export function useViewState(): [DoraViewState, (next: DoraViewState) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseViewState(searchParams), [searchParams]);
  const setView = useCallback(
    (next: DoraViewState) => setSearchParams(serializeViewState(next)),
    [setSearchParams],
  );
  return [view, setView];
}
