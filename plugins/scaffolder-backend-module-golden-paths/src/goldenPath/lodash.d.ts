// lodash ships no types and @types/lodash is not installed; the one function used here is the
// scaffolder's `pick` filter.
declare module 'lodash' {
  export function get(object: unknown, path: string | readonly string[]): any;
}
