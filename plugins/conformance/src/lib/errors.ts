/**
 * The backend answers 404 for an entity it has not evaluated yet; that is an
 * expected state (shown as "not evaluated"), not a failure.
 */
export function isNotEvaluated(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as {
    name?: string;
    statusCode?: number;
    cause?: { name?: string };
  };
  return (
    e.name === 'NotFoundError' ||
    e.statusCode === 404 ||
    e.cause?.name === 'NotFoundError'
  );
}
