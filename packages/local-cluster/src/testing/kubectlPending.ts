/**
 * PENDING kubectl commands: run by the conformance suites but known not to
 * work yet, each with the reason. The suites run these as `it.failing`, so
 * they stay green while a command fails and turn red as soon as it works:
 * then delete its row here. The package README lists the same gaps.
 */
export const PENDING_KUBECTL_COMMANDS: Record<string, string> = {};
