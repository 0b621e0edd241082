/**
 * Splits an image reference the way the container runtime does, without
 * normalising it: `registry` is set only when written (Docker Hub is implied
 * otherwise) and `library/` is not added.
 *
 * @public
 */
export function parseImageReference(image: string): {
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
} {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }

  // A ':' before the last '/' belongs to a registry port (registry:5000/app), not a tag.
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }

  // Same rule as Docker's reference parser: the first component is a registry
  // only if it looks like a host, since repository paths may contain slashes.
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (
      first.includes('.') ||
      first.includes(':') ||
      first === 'localhost' ||
      first !== first.toLowerCase()
    ) {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }

  return {
    ...(registry !== undefined && { registry }),
    repository: rest,
    ...(tag !== undefined && { tag }),
    ...(digest !== undefined && { digest }),
  };
}
