/**
 * The backend answers 404 for an entity without SLO specs (or one it has not
 * read yet) and for an unknown SLO id; those are states to explain, not
 * failures.
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
