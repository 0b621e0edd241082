/**
 * Golden-path conformance of live Kubernetes workloads, per catalog entity.
 *
 * @packageDocumentation
 */
export { conformancePlugin as default } from './plugin';
