/** YAML fixtures for the kubectl suites, as `kubectl apply -f -` reads them. */

export function namespaceYaml(name: string): string {
  return `apiVersion: v1
kind: Namespace
metadata: {name: ${name}}
`;
}

/** A Deployment labelled and selecting `app: <name>`, one container `<name>` on port 8080. */
export function deploymentYaml(opts: {
  namespace: string;
  name: string;
  image: string;
  /** More fields of the container, as YAML lines indented by ten spaces. */
  containerExtra?: string;
}): string {
  const { namespace, name, image, containerExtra = '' } = opts;
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}, labels: {app: ${name}}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          ports: [{containerPort: 8080}]
${containerExtra}`;
}

/** Documents joined into one multi-document YAML stream. */
export function yamlDocuments(...docs: string[]): string {
  return docs
    .map(d => d.trim())
    .join('\n---\n')
    .concat('\n');
}
