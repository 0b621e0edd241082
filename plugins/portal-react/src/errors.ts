/**
 * Whether an error is the backend's 404: a `NotFoundError`, or a
 * `ResponseError` for a 404 whichever way it carries it. Callers decide what
 * a 404 means for them; usually a state to explain, not a failure to show.
 */
export function isNotFound(error: unknown): boolean {
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
