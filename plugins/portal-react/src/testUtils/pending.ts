/** A promise that never settles, to hold a component in its loading state. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
