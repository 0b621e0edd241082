import type { SloSpecError } from '../api/types';

/** Where an error is, as the backend prefixes its messages: the file and its document. */
export function specErrorLocation(error: SloSpecError): string {
  return error.document
    ? `${error.file} (document ${error.document})`
    : error.file;
}

/**
 * The reason alone: the message without the location and field the row already shows, so a
 * row does not repeat the file name. Messages of another shape are kept whole.
 */
export function specErrorReason(error: SloSpecError): string {
  let reason = error.message;
  const location = `${specErrorLocation(error)}: `;
  if (reason.startsWith(location)) {
    reason = reason.slice(location.length);
    if (error.field && reason.startsWith(`${error.field}: `)) {
      reason = reason.slice(error.field.length + 2);
    }
  }
  return reason;
}
